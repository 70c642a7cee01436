using Forum.EventSourcing.PersonalData;
namespace Forum.Posts.Posts.Publishing;

/// <summary>A post was published. The first event of every post's stream.</summary>
/// <param name="Mentioned">The known members its body names with <c>@name</c> (null in events stored before mentions).</param>
/// <param name="AwaitingApproval">Held out of readers' sight until a moderator approves it (a new member's post while approval is required).</param>
/// <param name="Tags">Its tags, normalised (<see cref="Forum.Content.TagNames"/>); null in events stored before tags, which had none.</param>
public sealed record PostPublished(
    Guid PostId,
    string Board,
    string Title,
    string Body,
    string BodyHtml,
    string Excerpt,
    bool HasImage,
    Guid AuthorId,
    PersonalText Author,
    DateTimeOffset PublishedAt,
    IReadOnlyList<Guid>? Mentioned = null,
    bool AwaitingApproval = false,
    IReadOnlyList<string>? Tags = null);
