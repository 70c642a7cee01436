using Forum.EventSourcing.PersonalData;
namespace Forum.Comments.Comments.Adding;

/// <param name="Mentioned">The known members its body names with <c>@name</c> (null in events stored before mentions).</param>
/// <summary>A comment was written on a post; for a reply, in the thread of the comment it answers.</summary>
public sealed record CommentAdded(
    Guid CommentId,
    Guid PostId,
    Guid ThreadId,
    DateTimeOffset ThreadStartedAt,
    Guid? QuotedCommentId,
    PersonalText? QuotedAuthor,
    string? QuotedExcerpt,
    Guid AuthorId,
    PersonalText Author,
    string Body,
    string BodyHtml,
    DateTimeOffset CreatedAt,
    IReadOnlyList<Guid>? Mentioned = null);
