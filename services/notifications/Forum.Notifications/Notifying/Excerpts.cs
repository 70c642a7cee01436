using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Forum.Notifications.Notifying;

/// <summary>A short plain-text excerpt of safe body HTML, cut between letters as a reader counts them, never inside one.</summary>
public static partial class Excerpts
{
    public const int MaxLength = 140;

    public static string FromHtml(string html)
    {
        var text = WebUtility.HtmlDecode(Tags().Replace(html, " "));
        text = Spaces().Replace(text, " ").Trim();
        var letters = new StringInfo(text);
        return letters.LengthInTextElements <= MaxLength ? text : letters.SubstringByTextElements(0, MaxLength - 1).TrimEnd() + "…";
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
