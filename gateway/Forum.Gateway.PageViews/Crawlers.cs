using System.Buffers;
using System.Text.RegularExpressions;

namespace Forum.Gateway.PageViews;

/// <summary>
/// Known crawlers, recognised by their user agent, whose fetches are never views: search
/// engines, SEO and AI crawlers, link-preview fetchers and archivers. The names below, plus any
/// agent that calls itself a bot, crawler or spider. Scripts that do not say what they are
/// (curl, an HTTP library) are not crawlers here: each still counts at most once per window.
/// </summary>
public static partial class Crawlers
{
    /// <summary>Names matched anywhere in the user agent, ignoring case.</summary>
    public static readonly IReadOnlyList<string> KnownNames =
    [
        // search engines
        "googlebot", "google-inspectiontool", "storebot-google", "adsbot-google", "mediapartners-google", "apis-google",
        "feedfetcher-google", "bingbot", "bingpreview", "msnbot", "adidxbot", "slurp", "duckduckbot", "baiduspider",
        "yandexbot", "yandeximages", "seznambot", "yeti/", "daumoa", "coccocbot", "applebot", "petalbot", "qwantify",
        "mojeekbot", "exabot",
        // SEO and research crawlers
        "ahrefsbot", "semrushbot", "mj12bot", "dotbot", "rogerbot", "blexbot", "serpstatbot", "dataforseobot", "barkrowler",
        // AI crawlers
        "gptbot", "chatgpt-user", "oai-searchbot", "claudebot", "claude-web", "anthropic-ai", "perplexitybot",
        "ccbot", "bytespider", "amazonbot", "meta-externalagent", "cohere-ai", "diffbot", "imagesiftbot", "omgili",
        // link previews and social networks
        "facebookexternalhit", "facebookcatalog", "meta-externalfetcher", "twitterbot", "linkedinbot", "slackbot",
        "discordbot", "telegrambot", "whatsapp/", "skypeuripreview", "pinterestbot", "redditbot", "embedly",
        "quora link preview", "vkshare", "kakaotalk-scrap",
        // archivers, monitors and scrapers
        "ia_archiver", "archive.org_bot", "heritrix", "uptimerobot", "pingdom", "statuscake", "site24x7", "scrapy",
    ];

    /// <summary>True when the user agent is a known crawler. An empty or missing agent is not one.</summary>
    public static bool IsCrawler(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return false;
        }
        return userAgent.AsSpan().ContainsAny(KnownNamesSearch) || SelfDeclared().IsMatch(userAgent);
    }

    /// <summary>
    /// Every name looked for in one pass over the agent, rather than one pass per name: this runs
    /// on every post served.
    /// </summary>
    private static readonly SearchValues<string> KnownNamesSearch = SearchValues.Create([.. KnownNames], StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// An agent that calls itself one: "SomethingBot/1.0", "some-bot;", "crawler", "spider". Not a
    /// "bot" before a space, a bracket or an underscore, which also ends phone names ("CUBOT X19").
    /// </summary>
    [GeneratedRegex(@"bot[/;:+-]|bot$|crawl|spider", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SelfDeclared();
}
