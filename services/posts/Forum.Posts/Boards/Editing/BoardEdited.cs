namespace Forum.Posts.Boards.Editing;

/// <summary>An admin renamed a board, rewrote its description or moved it in the board list. The slug never changes: links keep working.</summary>
public sealed record BoardEdited(Guid BoardId, string Name, string Description, int Position, string EditedBy, DateTimeOffset EditedAt);
