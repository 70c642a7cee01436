namespace Forum.Contracts.Posts;

/// <summary>A post was deleted: readers no longer see it, it takes no comments or likes. Final.</summary>
/// <param name="DeletedBy">Who deleted it: its author, or a moderator (the moderation log tells them apart). Null in events published before it was carried.</param>
public sealed record PostDeleted(Guid PostId, long Version, DateTimeOffset DeletedAt, string? DeletedBy = null);
