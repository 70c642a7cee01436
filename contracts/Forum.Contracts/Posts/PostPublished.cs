namespace Forum.Contracts.Posts;

/// <summary>A post was published on a board. Version 1 of the post's stream.</summary>
/// <param name="PostId">The post's id, which is also its stream id in the posts service.</param>
/// <param name="Version">The stream version this event brought the post to.</param>
/// <param name="Board">The slug of the board the post was published on.</param>
/// <param name="Title">The title as typed, NFC-normalised.</param>
/// <param name="Excerpt">Plain text, the first ~200 characters of the body.</param>
/// <param name="BodyHtml">The body rendered from Markdown and sanitised; safe to embed.</param>
/// <param name="Author">The author's user name.</param>
/// <param name="PublishedAt">When the post was published (UTC).</param>
/// <param name="HasImage">Whether the body shows at least one image.</param>
/// <param name="Mentioned">The account ids of the members its body names with <c>@name</c>, linked in <paramref name="BodyHtml"/> (contract version 3; null from older publishers).</param>
/// <param name="HiddenFor">Why readers do not see it yet (<c>approval</c>: held for a moderator, contract version 4), or null when it is visible; a later <see cref="PostVisibilityChanged"/> shows it.</param>
/// <param name="Tags">Its tags (contract version 5): normalised keys (NFKC, lower case) in the order given, at most five; null from older publishers, and empty for posts from before tags.</param>
/// <param name="AuthorId">The author's account id (added in contract version 2; empty from older publishers).</param>
public sealed record PostPublished(
    Guid PostId,
    long Version,
    string Board,
    string Title,
    string Excerpt,
    string BodyHtml,
    string Author,
    DateTimeOffset PublishedAt,
    bool HasImage,
    Guid AuthorId = default,
    IReadOnlyList<Guid>? Mentioned = null,
    string? HiddenFor = null,
    IReadOnlyList<string>? Tags = null);
