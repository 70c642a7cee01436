namespace Forum.Contracts.Posts;

/// <summary>A board was renamed, described anew or moved in the board list; its slug stays.</summary>
/// <param name="Version">The board stream's version of this change; a consumer keeps the highest.</param>
/// <param name="Position">Where the board stands in the board list, smaller first; boards at one position stand oldest first.</param>
public sealed record BoardEdited(Guid BoardId, long Version, string Name, string Description, int Position, DateTimeOffset EditedAt);
