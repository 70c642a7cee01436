using Forum.Contracts.Posts;

namespace Forum.Gateway.ReadModels.Boards;

/// <summary>
/// A board as the board list shows it. <see cref="Version"/> is the newest board event applied, so
/// an edit delivered late or twice changes nothing; an edit that overtakes its board's creation
/// makes a document with no slug yet, listed nowhere until the creation fills it in.
/// </summary>
public sealed record BoardSummary(Guid Id, string Slug, string Name, string Description, DateTimeOffset CreatedAt, int Position = 0, long Version = 1)
{
    /// <summary>What a board is before any of its events: version 0, no slug.</summary>
    public static BoardSummary Nothing(Guid id) => new(id, "", "", "", default, 0, 0);

    /// <summary>The board after <paramref name="e"/>.</summary>
    public static BoardSummary Apply(BoardSummary board, object e) => e switch
    {
        BoardCreated created when board.Version == 0 =>
            new(created.BoardId, created.Slug, created.Name, created.Description, created.CreatedAt, 0, created.Version),
        // Edited first: the creation brings the slug and date, the edit's name stays.
        BoardCreated created => board with { Slug = created.Slug, CreatedAt = created.CreatedAt },
        BoardEdited edited when edited.Version > board.Version =>
            board with { Name = edited.Name, Description = edited.Description, Position = edited.Position, Version = edited.Version },
        _ => board,
    };

    public static Guid IdOf(object e) => e switch
    {
        BoardCreated created => created.BoardId,
        BoardEdited edited => edited.BoardId,
        _ => throw new ArgumentException($"{e.GetType().Name} is not a board event.", nameof(e)),
    };
}
