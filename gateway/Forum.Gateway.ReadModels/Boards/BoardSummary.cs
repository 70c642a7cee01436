namespace Forum.Gateway.ReadModels.Boards;

/// <summary>A board as the board list shows it. Boards never change once created.</summary>
public sealed record BoardSummary(Guid Id, string Slug, string Name, string Description, DateTimeOffset CreatedAt)
{
    /// <summary>A board is created once and never changes: its one event is the whole document, so a redelivery stores the same again.</summary>
    public static BoardSummary From(Forum.Contracts.Posts.BoardCreated e) => new(e.BoardId, e.Slug, e.Name, e.Description, e.CreatedAt);
}
