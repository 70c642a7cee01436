namespace Forum.Contracts.Posts;

/// <summary>A post was deleted: readers no longer see it, it takes no comments or likes. Final.</summary>
public sealed record PostDeleted(Guid PostId, long Version, DateTimeOffset DeletedAt);
