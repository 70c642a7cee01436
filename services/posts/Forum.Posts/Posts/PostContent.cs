using Forum.Content;
using Forum.EventSourcing;

namespace Forum.Posts.Posts;

/// <summary>The rules for a post's title and body, shared by publishing and editing.</summary>
public static class PostContent
{
    public const int MaxTitleCharacters = 200;
    public const int MaxBodyBytes = 64 * 1024;

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
