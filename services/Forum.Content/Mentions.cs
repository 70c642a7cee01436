using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Forum.Content;

/// <summary>A member named with <c>@name</c> in a post or comment, as the forum knows them.</summary>
public sealed record MentionedMember(Guid Id, string UserName);

/// <summary>
/// <c>@name</c> in what members write. Candidates are read from the text, looked up by the
/// writing service among the members it knows, and the known ones become links to their page
/// when the body is rendered; an unknown name stays the plain text it was. Names compare as
/// accounts do (<see cref="MemberNames.Key"/>), so <c>@Minh</c> names <c>minh</c>.
/// </summary>
public static partial class Mentions
{
    /// <summary>More than this many names in one body are not looked up: a mention is for a few people.</summary>
    public const int MaxPerBody = 20;

    /// <summary>The names a body may mention, by their key, at most <see cref="MaxPerBody"/>.</summary>
    public static IReadOnlyList<string> CandidatesIn(string? text) =>
        string.IsNullOrEmpty(text)
            ? []
            : Mention().Matches(text).Select(m => MemberNames.Key(Trimmed(m.Groups["name"].Value))).Distinct().Take(MaxPerBody).ToList();

    /// <summary>
    /// Turns <c>@name</c> of known members in rendered, sanitised HTML into links to
    /// <c>/users/{name}</c>, outside links and code; returns the members it linked.
    /// </summary>
    internal static (string Html, IReadOnlyList<MentionedMember> Linked) Link(string html, IReadOnlyDictionary<string, MentionedMember> known)
    {
        if (!html.Contains('@'))
        {
            return (html, []);
        }
        var parser = new HtmlParser();
        var document = parser.ParseDocument("<body></body>");
        var body = document.Body!;
        body.InnerHtml = html;
        var linked = new List<MentionedMember>();
        foreach (var text in body.Descendants<IText>().Where(t => !t.Ancestors<IElement>().Any(e => e.LocalName is "a" or "code" or "pre")).ToList())
        {
            var matches = Mention().Matches(text.Data).Where(m => known.ContainsKey(MemberNames.Key(Trimmed(m.Groups["name"].Value)))).ToList();
            if (matches.Count == 0)
            {
                continue;
            }
            var parent = text.Parent!;
            var at = 0;
            foreach (var match in matches)
            {
                var name = Trimmed(match.Groups["name"].Value);
                var member = known[MemberNames.Key(name)];
                var start = match.Index;
                parent.InsertBefore(document.CreateTextNode(text.Data[at..start]), text);
                var link = document.CreateElement("a");
                link.SetAttribute("href", $"/users/{Uri.EscapeDataString(member.UserName)}");
                link.SetAttribute("class", "mention");
                link.TextContent = "@" + name;
                parent.InsertBefore(link, text);
                at = start + 1 + name.Length;
                if (!linked.Contains(member))
                {
                    linked.Add(member);
                }
            }
            parent.InsertBefore(document.CreateTextNode(text.Data[at..]), text);
            parent.RemoveChild(text);
        }
        return (body.InnerHtml, linked);
    }

    /// <summary>A name ends with a letter, mark or digit: "@minh." at the end of a sentence names minh.</summary>
    private static string Trimmed(string name) => name.TrimEnd('.', '-', '_');

    // Not after a letter, digit or one of the name's characters, so e-mail addresses and "a@b" are no mention.
    [GeneratedRegex(@"(?<![\p{L}\p{M}\p{N}_.\-@/])@(?<name>[\p{L}\p{M}\p{N}_.\-]{3,40})")]
    private static partial Regex Mention();
}
