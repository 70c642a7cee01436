using Forum.Content;
using Forum.EventSourcing;

namespace Forum.Posts.Posts;

/// <summary>The rules for a post's title and body, shared by publishing and editing.</summary>
public static class PostContent
{
    public const int MaxTitleCharacters = PostLimits.MaxTitleCharacters;
    public const int MaxBodyBytes = PostLimits.MaxBodyBytes;

    /// <summary>How many links a new member may put in a post: enough to cite, too few to advertise.</summary>
    public const int MaxNewMemberLinks = 3;

    /// <summary>
    /// What a member in their first days may not yet do in a post: more than
    /// <see cref="MaxNewMemberLinks"/> links, or images. Most spam is a new account's links and pictures.
    /// </summary>
    public static void CheckNewMemberBody(RenderedBody rendered, FieldErrors errors)
    {
        if (rendered.Links > MaxNewMemberLinks)
        {
            errors.Add("body", $"In their first day a member may put at most {MaxNewMemberLinks} links in a post; this one has {rendered.Links}.");
        }
        if (rendered.HasImage)
        {
            errors.Add("body", "In their first day a member may not show images in a post.");
        }
    }

    /// <summary>
    /// The tags as keys (<see cref="TagNames"/>), or null when none were sent (an edit then leaves
    /// them as they were); a refusal is added under <c>tags</c>.
    /// </summary>
    public static IReadOnlyList<string>? CheckTags(IReadOnlyList<string?>? tags, FieldErrors errors)
    {
        if (tags is null)
        {
            return null;
        }
        var (keys, refusals) = TagNames.NormalizeAll(tags);
        foreach (var refusal in refusals)
        {
            errors.Add("tags", refusal);
        }
        return keys;
    }

    /// <summary>The NFC-normalised, trimmed title and the normalised body; errors are added by field.</summary>
    public static (string Title, string Body) Check(string? title, string? body, FieldErrors errors)
    {
        var normalizedTitle = TextRules.Normalize(title)?.Trim();
        if (string.IsNullOrEmpty(normalizedTitle))
        {
            errors.Add("title", "A title is required.");
        }
        else if (TextRules.HasForbiddenCharacters(normalizedTitle, allowLineBreaks: false))
        {
            errors.Add("title", "The title may not contain control characters or line breaks.");
        }
        else if (TextRules.LengthInCharacters(normalizedTitle) > MaxTitleCharacters)
        {
            errors.Add("title", $"The title may be at most {MaxTitleCharacters} characters long.");
        }

        var normalizedBody = TextRules.Normalize(body) ?? "";
        if (string.IsNullOrWhiteSpace(normalizedBody))
        {
            errors.Add("body", "A body is required.");
        }
        else if (TextRules.HasForbiddenCharacters(normalizedBody, allowLineBreaks: true))
        {
            errors.Add("body", "The body may not contain control characters other than newline and tab.");
        }
        else if (System.Text.Encoding.UTF8.GetByteCount(normalizedBody) > MaxBodyBytes)
        {
            errors.Add("body", $"The body may be at most {MaxBodyBytes / 1024} KiB.");
        }
        return (normalizedTitle ?? "", normalizedBody);
    }
}
