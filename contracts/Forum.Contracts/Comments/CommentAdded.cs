namespace Forum.Contracts.Comments;

/// <summary>A comment was added to a post, or a reply to a comment.</summary>
/// <param name="CommentId">The comment's id, also its stream id in the comments service.</param>
/// <param name="PostId">The post it belongs to.</param>
/// <param name="Version">The comment stream's version (1).</param>
/// <param name="ParentId">For a reply, the comment that starts its thread; null for a top-level comment.</param>
/// <param name="ThreadStartedAt">When the thread's first comment was written; orders threads oldest first.</param>
/// <param name="Quote">For a reply to a reply, the comment it answers, quoted as it was.</param>
/// <param name="Mentioned">The account ids of the members its body names with <c>@name</c> (contract version 2; null from older publishers).</param>
/// <param name="BodyHtml">The body rendered from Markdown and sanitised; safe to embed.</param>
public sealed record CommentAdded(
    Guid CommentId,
    Guid PostId,
    long Version,
    Guid? ParentId,
    DateTimeOffset ThreadStartedAt,
    QuotedComment? Quote,
    Guid AuthorId,
    string Author,
    string BodyHtml,
    DateTimeOffset CreatedAt,
    IReadOnlyList<Guid>? Mentioned = null);

/// <summary>The comment a reply answers, as it read when the reply was written.</summary>
public sealed record QuotedComment(Guid CommentId, string Author, string Excerpt);
