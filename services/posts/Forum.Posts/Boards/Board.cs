using Forum.Posts.Boards.Creating;
using Forum.Posts.Boards.Editing;

namespace Forum.Posts.Boards;

/// <summary>
/// A board, kept as a snapshot document updated with its stream, so a post's board can be checked
/// in one lookup. <see cref="Position"/> orders the board list, smaller first.
/// </summary>
public sealed record Board(Guid Id, string Slug, string Name, string Description, DateTimeOffset CreatedAt, int Position = 0)
{
    public static Board Create(BoardCreated e) => new(e.BoardId, e.Slug, e.Name, e.Description, e.CreatedAt);

    public Board Apply(BoardEdited e) => this with { Name = e.Name, Description = e.Description, Position = e.Position };
}
