namespace Forum.Contracts.Comments;

/// <summary>A comment was deleted; its replies stay. It no longer counts. Final.</summary>
public sealed record CommentDeleted(Guid CommentId, Guid PostId, long Version, DateTimeOffset DeletedAt);
