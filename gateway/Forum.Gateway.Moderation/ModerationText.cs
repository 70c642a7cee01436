using Forum.Content;
using Forum.EventSourcing;

namespace Forum.Gateway.Moderation;

/// <summary>The rules for what reporters and moderators write (a report's details, a reason, a note): NFC, no control characters, a length.</summary>
public static class ModerationText
{
    /// <summary>The text normalised and trimmed, null when empty; an error is added to <paramref name="field"/> when it breaks a rule.</summary>
    public static string? Check(string? text, string field, int maxCharacters, FieldErrors errors)
    {
        var normalized = TextRules.Normalize(text)?.Trim();
        if (string.IsNullOrEmpty(normalized))
        {
            return null;
        }
        if (TextRules.HasForbiddenCharacters(normalized, allowLineBreaks: true))
        {
            errors.Add(field, "Control characters other than newline and tab are not allowed.");
        }
        else if (TextRules.LengthInCharacters(normalized) > maxCharacters)
        {
            errors.Add(field, $"At most {maxCharacters} characters.");
        }
        return normalized;
    }
}
