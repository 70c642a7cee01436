using Forum.EventSourcing.PersonalData;
namespace Forum.Posts.Posts.Editing;

/// <summary>A post's title and body were changed. Each edit is a revision.</summary>
public sealed record PostEdited(
    Guid PostId,
    string Title,
    string Body,
    string BodyHtml,
    string Excerpt,
    bool HasImage,
    Guid EditorId,
    PersonalText Editor,
    DateTimeOffset EditedAt,
    IReadOnlyList<Guid>? Mentioned = null);
