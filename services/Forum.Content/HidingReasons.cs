namespace Forum.Content;

/// <summary>
/// Why a post or comment is out of readers' sight without being deleted. The services store the
/// reason with the event; the gateway's queues sort hidden content by it.
/// </summary>
public static class HidingReasons
{
    /// <summary>Reported by enough distinct members (the gateway hides it on their reports).</summary>
    public const string Reports = "reports";

    /// <summary>Written by a new member while first posts wait for a moderator's approval.</summary>
    public const string Approval = "approval";

    /// <summary>Hidden by a moderator's own decision.</summary>
    public const string Moderator = "moderator";

    public static readonly IReadOnlyList<string> All = [Reports, Approval, Moderator];

    /// <summary>The reason as stored (trimmed, lower case), or null when it is none of <see cref="All"/>.</summary>
    public static string? Normalize(string? reason) =>
        reason?.Trim().ToLowerInvariant() is { } normalized && All.Contains(normalized) ? normalized : null;
}
