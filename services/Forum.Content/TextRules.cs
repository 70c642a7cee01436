using System.Globalization;
using System.Text;

namespace Forum.Content;

/// <summary>
/// The rules all user text passes through: NFC normalisation, no control characters other than
/// newline and tab, and lengths counted in what a reader sees as characters (text elements).
/// </summary>
public static partial class TextRules
{
    /// <summary>Normalises to NFC; null stays null, and text that is not valid Unicode is left for validation to refuse.</summary>
    public static string? Normalize(string? text)
    {
        if (text is null || HasLoneSurrogate(text))
        {
            return text;
        }
        return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
    }

    internal static bool HasLoneSurrogate(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return true;
            }
            text = text[consumed..];
        }
        return false;
    }

    /// <summary>Characters as a reader counts them: a surrogate pair or a base letter with its marks is one.</summary>
    public static int LengthInCharacters(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>True if the text holds a control character other than newline, carriage return or tab, or a lone surrogate.</summary>
    public static bool HasForbiddenCharacters(string text, bool allowLineBreaks)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return true;
                }
                i++;
                continue;
            }
            if (char.IsLowSurrogate(c))
            {
                return true;
            }
            if (c is '\t' || (allowLineBreaks && c is '\n' or '\r'))
            {
                continue;
            }
            if (char.IsControl(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Rendered, sanitised HTML as one line of plain text of at most <paramref name="maxCharacters"/>: what a list shows of a comment.</summary>
    public static string PlainTextOf(string html, int maxCharacters) =>
        Truncate(Whitespace().Replace(System.Net.WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim(), maxCharacters);

    [System.Text.RegularExpressions.GeneratedRegex("<[^>]+>")]
    private static partial System.Text.RegularExpressions.Regex Tags();

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+")]
    private static partial System.Text.RegularExpressions.Regex Whitespace();

    /// <summary>The first <paramref name="maxCharacters"/> text elements, never cutting a surrogate pair or combining sequence.</summary>
    public static string Truncate(string text, int maxCharacters, string ellipsis = "…")
    {
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        var count = 0;
        while (enumerator.MoveNext())
        {
            if (count == maxCharacters)
            {
                return string.Concat(text.AsSpan(0, enumerator.ElementIndex).TrimEnd(), ellipsis);
            }
            count++;
        }
        return text;
    }
}
