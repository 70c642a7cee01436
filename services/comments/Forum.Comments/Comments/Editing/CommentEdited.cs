using Forum.EventSourcing.PersonalData;
namespace Forum.Comments.Comments.Editing;

/// <summary>A comment's body was changed.</summary>
public sealed record CommentEdited(
    Guid CommentId, Guid PostId, string Body, string BodyHtml, Guid EditorId, PersonalText Editor, DateTimeOffset EditedAt, IReadOnlyList<Guid>? Mentioned = null);
