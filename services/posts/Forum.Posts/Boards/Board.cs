using Forum.Posts.Boards.Creating;

namespace Forum.Posts.Boards;

/// <summary>A board, kept as a snapshot document updated with its stream, so a post's board can be checked in one lookup.</summary>
public sealed record Board(Guid Id, string Slug, string Name, string Description, DateTimeOffset CreatedAt)
{
    public static Board Create(BoardCreated e) => new(e.BoardId, e.Slug, e.Name, e.Description, e.CreatedAt);
}
