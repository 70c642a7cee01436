namespace Forum.Cli.Exporting;

/// <summary>The services whose histories the gateway serves, and how the user names them.</summary>
public static class Services
{
    public static readonly IReadOnlyList<string> All = ["posts", "comments", "engagement"];

    /// <summary>The services named by <c>--service</c>: one, several (comma-separated) or <c>all</c>.</summary>
    public static IReadOnlyList<string> Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return All;
        }
        var named = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant()).Distinct().ToList();
        if (named.FirstOrDefault(s => !All.Contains(s)) is { } unknown)
        {
            throw new CliException($"Unknown service '{unknown}': use {string.Join(", ", All)} or all.", ExitCodes.Usage);
        }
        return named;
    }
}
