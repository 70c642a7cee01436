namespace Forum.Comments.Comments.Adding;

/// <summary>A comment was written on a post; for a reply, in the thread of the comment it answers.</summary>
public sealed record CommentAdded(
    Guid CommentId,
    Guid PostId,
    Guid ThreadId,
    DateTimeOffset ThreadStartedAt,
    Guid? QuotedCommentId,
    string? QuotedAuthor,
    string? QuotedExcerpt,
    Guid AuthorId,
    string Author,
    string Body,
    string BodyHtml,
    DateTimeOffset CreatedAt);
