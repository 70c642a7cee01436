namespace Forum.Contracts.Comments;

/// <summary>A comment's body was changed by its author or a moderator.</summary>
public sealed record CommentEdited(Guid CommentId, Guid PostId, long Version, string BodyHtml, string Editor, DateTimeOffset EditedAt);
