namespace Forum.Contracts.Comments;

/// <summary>A comment's body was changed by its author or a moderator.</summary>
/// <param name="Mentioned">The account ids of the members the new body names with <c>@name</c> (contract version 2; null from older publishers).</param>
public sealed record CommentEdited(Guid CommentId, Guid PostId, long Version, string BodyHtml, string Editor, DateTimeOffset EditedAt, IReadOnlyList<Guid>? Mentioned = null);
