using Forum.Content;
using Forum.EventSourcing;

namespace Forum.Comments.Comments;

/// <summary>The rules for a comment's body: 1 character to 16 KiB of Markdown, NFC, no control characters.</summary>
public static class CommentBody
{
    public const int MaxBytes = PostLimits.MaxCommentBytes;

    public static string Check(string? body, FieldErrors errors)
    {
        var normalized = TextRules.Normalize(body)?.Trim() ?? "";
        if (normalized.Length == 0)
        {
            errors.Add("body", "A comment needs at least one character.");
        }
        else if (TextRules.HasForbiddenCharacters(normalized, allowLineBreaks: true))
        {
            errors.Add("body", "A comment may not contain control characters other than newline and tab.");
        }
        else if (System.Text.Encoding.UTF8.GetByteCount(normalized) > MaxBytes)
        {
            errors.Add("body", $"A comment may be at most {MaxBytes / 1024} KiB.");
        }
        return normalized;
    }
}
