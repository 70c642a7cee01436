namespace Forum.Gateway.ReadModels.Boards;

/// <summary>A board as the board list shows it. Boards never change once created.</summary>
public sealed record BoardSummary(Guid Id, string Slug, string Name, string Description, DateTimeOffset CreatedAt);
