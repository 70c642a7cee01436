using Forum.EventSourcing.PersonalData;
namespace Forum.Posts.Posts.Editing;

/// <summary>A post's title and body were changed. Each edit is a revision.</summary>
/// <param name="Tags">The post's tags after the edit, when the edit set them; null when it left them as they were (and in every edit stored before tags).</param>
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
    IReadOnlyList<Guid>? Mentioned = null,
    IReadOnlyList<string>? Tags = null);
