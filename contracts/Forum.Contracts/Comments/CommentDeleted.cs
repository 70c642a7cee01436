namespace Forum.Contracts.Comments;

/// <summary>A comment was deleted; its replies stay. It no longer counts. Final.</summary>
/// <param name="DeletedBy">Who deleted it: its author, or a moderator (the moderation log tells them apart). Null in events published before it was carried.</param>
public sealed record CommentDeleted(Guid CommentId, Guid PostId, long Version, DateTimeOffset DeletedAt, string? DeletedBy = null);
