using AngleSharp.Html.Parser;

namespace Forum.Testing;

/// <summary>
/// What a browser would find dangerous in a piece of HTML: executable elements, event handler
/// attributes, script or data URLs, inline styles, and images from anywhere but our uploads.
/// Text that merely shows typed HTML is fine; markup is what counts.
/// </summary>
public static class SafeHtml
{
    private static readonly string[] ForbiddenElements =
        ["script", "style", "iframe", "frame", "object", "embed", "svg", "math", "form", "button", "textarea", "select", "link", "meta", "base", "video", "audio", "source", "template"];

    public static IReadOnlyList<string> Problems(string html)
    {
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        var problems = new List<string>();
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            var name = element.LocalName;
            if (ForbiddenElements.Contains(name))
            {
                problems.Add($"<{name}> element");
            }
            if (name == "input" && element.GetAttribute("type") != "checkbox")
            {
                problems.Add("<input> that is not a task-list checkbox");
            }
            foreach (var attribute in element.Attributes)
            {
                var value = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{attribute.Name} handler on <{name}>");
                }
                if (attribute.Name is "style" or "srcset" or "formaction" or "xlink:href" or "action")
                {
                    problems.Add($"{attribute.Name} attribute on <{name}>");
                }
                if (attribute.Name is "href" or "src"
                    && (value.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
                        || value.StartsWith("vbscript:", StringComparison.OrdinalIgnoreCase)
                        || value.StartsWith("data:", StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add($"{attribute.Name}={attribute.Value} on <{name}>");
                }
                if (name == "img" && attribute.Name == "src" && !attribute.Value.StartsWith("/upload/", StringComparison.Ordinal))
                {
                    problems.Add($"image from {attribute.Value}");
                }
            }
        }
        return problems;
    }
}
