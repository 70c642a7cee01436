namespace Forum.Contracts.Posts;

/// <summary>A post's title and body were changed: a new revision.</summary>
/// <param name="Version">The stream version of this revision.</param>
/// <param name="Editor">Who edited: the author or a moderator.</param>
/// <param name="Tags">The post's tags after the edit when the edit set them (contract version 3); null when it left them as they were, and from older publishers.</param>
/// <param name="Mentioned">The account ids of the members the new body names with <c>@name</c> (contract version 2; null from older publishers).</param>
public sealed record PostEdited(
    Guid PostId,
    long Version,
    string Title,
    string Excerpt,
    string BodyHtml,
    bool HasImage,
    string Editor,
    DateTimeOffset EditedAt,
    IReadOnlyList<Guid>? Mentioned = null,
    IReadOnlyList<string>? Tags = null);
