using System.Text.RegularExpressions;

namespace Forum.Testing;

/// <summary>The anti-forgery tokens a browser would send back, read from the gateway's pages.</summary>
public static partial class WebFormTokens
{
    /// <summary>The hidden <c>__RequestVerificationToken</c> of a page's form; empty if it has none.</summary>
    public static string OfForm(string html) => FormToken().Match(html).Groups[1].Value;

    /// <summary>The <c>csrf-token</c> meta tag a signed-in page carries for its scripts; empty if it has none.</summary>
    public static string OfPage(string html) => MetaToken().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex MetaToken();
}
