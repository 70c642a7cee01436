namespace Forum.Contracts.Posts;

/// <summary>A board was created.</summary>
/// <param name="Slug">The board's name in URLs, such as <c>tin-tuc</c>.</param>
/// <param name="Name">The board's name as shown, such as <c>Tin tức</c>.</param>
public sealed record BoardCreated(Guid BoardId, long Version, string Slug, string Name, string Description, DateTimeOffset CreatedAt);
