using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Forum.Gateway.ReadModels.Search;

/// <summary>The words of a post's safe HTML body, for searching: text nodes joined by spaces.</summary>
public static class PlainText
{
    private static readonly HtmlParser Parser = new();

    public static string FromHtml(string html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }
        using var document = Parser.ParseDocument(html);
        var words = document.Body?.Descendants<IText>().Select(text => text.Data.Trim()).Where(text => text.Length > 0) ?? [];
        return string.Join(' ', words);
    }
}
