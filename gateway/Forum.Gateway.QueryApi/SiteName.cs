namespace Forum.Gateway.QueryApi;

/// <summary>
/// The forum's name as its operators set it (<c>Forum:SiteName</c>, "Kim chi nha" in the local
/// run), shown in the header, the page titles and the feeds. Unset, the pages name it in the
/// reader's language ("Diễn đàn", "Forum") and the feeds say "Forum".
/// </summary>
public sealed class SiteName(IConfiguration configuration)
{
    public const string Setting = "Forum:SiteName";

    /// <summary>The configured name, or null when the operators left it unset.</summary>
    public string? Configured => configuration[Setting] is { Length: > 0 } name ? name.Trim() : null;

    /// <summary>The configured name, or <paramref name="fallback"/>.</summary>
    public string Or(string fallback) => Configured ?? fallback;
}
