using System.Text.RegularExpressions;
using Ganss.Xss;
using Markdig;

namespace Forum.Content;

/// <summary>What a Markdown body becomes: safe HTML to show, a plain-text excerpt, whether it shows an image, and whom it mentions.</summary>
public sealed record RenderedBody(string Html, string Excerpt, bool HasImage)
{
    /// <summary>The known members the body names with <c>@name</c>, linked in <see cref="Html"/>.</summary>
    public IReadOnlyList<MentionedMember> Mentioned { get; init; } = [];

    /// <summary>How many links the writer put in the body (links to mentioned members are the forum's own and not counted).</summary>
    public int Links { get; init; }
}

/// <summary>
/// Renders Markdown once, where it is written, and sanitises the HTML with an allow-list so no
/// script, style, event handler or foreign URL scheme reaches a reader.
/// </summary>
public sealed partial class MarkdownRenderer
{
    public const int ExcerptCharacters = 200;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UsePipeTables()
        .UseTaskLists()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    /// <param name="members">Known members by <see cref="MemberNames.Key"/>: their <c>@name</c> becomes a link (<see cref="Mentions"/>).</param>
    public RenderedBody Render(string markdown, IReadOnlyDictionary<string, MentionedMember>? members = null)
    {
        var html = _sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
        var plain = Whitespace().Replace(Markdown.ToPlainText(markdown, Pipeline), " ").Trim();
        var (linked, mentioned) = members is { Count: > 0 } ? Mentions.Link(html, members) : (html, []);
        return new RenderedBody(linked, TextRules.Truncate(plain, ExcerptCharacters), html.Contains("<img ", StringComparison.Ordinal))
        {
            Mentioned = mentioned,
            Links = Anchor().Count(html),
        };
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        foreach (var tag in new[]
                 {
                     "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "ins", "mark", "sub", "sup",
                     "ul", "ol", "li", "blockquote", "pre", "code", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "input",
                 })
        {
            sanitizer.AllowedTags.Add(tag);
        }
        sanitizer.AllowedAttributes.Clear();
        foreach (var attribute in new[] { "href", "src", "alt", "title", "type", "checked", "disabled", "align" })
        {
            sanitizer.AllowedAttributes.Add(attribute);
        }
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowDataAttributes = false;
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement element)
            {
                if (element.LocalName == "a")
                {
                    element.SetAttribute("rel", "nofollow ugc");
                }
                // Images only from our own uploads: a foreign image would let anyone track readers.
                if (element.LocalName == "img" && element.GetAttribute("src") is { } src && !src.StartsWith("/upload/", StringComparison.Ordinal))
                {
                    element.Remove();
                }
                if (element.LocalName == "input" && element.GetAttribute("type") != "checkbox")
                {
                    element.Remove();
                }
            }
        };
        return sanitizer;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("<a ")]
    private static partial Regex Anchor();
}
