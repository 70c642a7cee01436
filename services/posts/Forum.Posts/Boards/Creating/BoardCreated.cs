namespace Forum.Posts.Boards.Creating;

/// <summary>A board was created.</summary>
public sealed record BoardCreated(Guid BoardId, string Slug, string Name, string Description, string CreatedBy, DateTimeOffset CreatedAt);
