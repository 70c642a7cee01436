using System.Globalization;
using System.Text;

namespace Forum.Content;

/// <summary>
/// The rules for a post's tags (docs/decisions/2026-12-08-tags-are-part-of-a-post-edit.md). A tag
/// is stored as its key, the way member names are compared (<see cref="MemberNames.Key"/>): NFKC,
/// then lower case, so "Tin Tức", "tin tức" and full-width "ＴＩＮ ＴỨＣ" are one tag, and marks are
/// kept ("tin tức" is not "tin tuc"). A tag is 1 to <see cref="MaxCharacters"/> characters of letters,
/// digits and marks in any script, with single spaces or hyphens between them; runs of spaces
/// collapse into one. A post has at most <see cref="MaxPerPost"/>; the same tag twice counts once.
/// </summary>
public static class TagNames
{
    public const int MaxPerPost = 5;
    public const int MaxCharacters = 40;

    /// <summary>The tag's key, or null with the reason when it cannot be a tag.</summary>
    public static (string? Tag, string? Error) Normalize(string? text)
    {
        if (text is null || TextRules.HasLoneSurrogate(text))
        {
            return (null, "A tag must be text.");
        }
        if (TextRules.HasForbiddenCharacters(text, allowLineBreaks: false) || text.Contains('\t'))
        {
            return (null, "A tag may not contain control characters.");
        }
        // Compatibility forms fold first: a full-width space or hyphen becomes the plain one.
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var tag = new StringBuilder(folded.Length);
        foreach (var rune in folded.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                // Spaces collapse; leading and trailing ones go.
                if (tag.Length > 0 && tag[^1] != ' ')
                {
                    tag.Append(' ');
                }
                continue;
            }
            if (rune.Value == '-' || IsLetterDigitOrMark(rune))
            {
                tag.Append(rune.ToString());
                continue;
            }
            return (null, $"A tag is letters, digits and marks with single spaces or hyphens between them; '{rune}' is none of these.");
        }
        var key = tag.ToString().TrimEnd(' ');
        if (key.Length == 0)
        {
            return (null, "A tag may not be empty.");
        }
        if (key[0] == '-' || key[^1] == '-' || key.Contains("--", StringComparison.Ordinal) || key.Contains("- ", StringComparison.Ordinal) || key.Contains(" -", StringComparison.Ordinal))
        {
            return (null, "Hyphens go between letters or digits, one at a time.");
        }
        if (CharUnicodeInfo.GetUnicodeCategory(key, 0) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
        {
            return (null, "A tag starts with a letter or a digit.");
        }
        if (TextRules.LengthInCharacters(key) > MaxCharacters)
        {
            return (null, $"A tag may be at most {MaxCharacters} characters long.");
        }
        return (key, null);
    }

    /// <summary>
    /// A post's tags as given: each normalised, duplicates collapsed (first one's place kept), at
    /// most <see cref="MaxPerPost"/>. Null when any is refused, with every reason.
    /// </summary>
    public static (IReadOnlyList<string>? Tags, IReadOnlyList<string> Errors) NormalizeAll(IEnumerable<string?> tags)
    {
        var keys = new List<string>();
        var errors = new List<string>();
        foreach (var text in tags)
        {
            var (tag, error) = Normalize(text);
            if (error is not null)
            {
                errors.Add(error);
            }
            else if (!keys.Contains(tag!, StringComparer.Ordinal))
            {
                keys.Add(tag!);
            }
        }
        if (keys.Count > MaxPerPost)
        {
            errors.Add($"A post may have at most {MaxPerPost} tags; these are {keys.Count}.");
        }
        return errors.Count > 0 ? (null, errors) : (keys, errors);
    }

    /// <summary>Tags typed in one field, separated by commas (the web form's way): "tin tức, 한국어".</summary>
    public static IReadOnlyList<string> SplitTyped(string? typed) =>
        string.IsNullOrWhiteSpace(typed) ? [] : typed.Split([',', '，', '、'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static bool IsLetterDigitOrMark(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
        or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
