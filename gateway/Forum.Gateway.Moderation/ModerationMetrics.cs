using System.Diagnostics.Metrics;
using Forum.ServiceDefaults.Telemetry;

namespace Forum.Gateway.Moderation;

/// <summary>What moderation reports under the forum's meter.</summary>
public static class ModerationMetrics
{
    public static readonly Counter<long> StandingChanges = ForumTelemetry.Meter.CreateCounter<long>(
        "forum.moderation.standing_changes", "{change}", "Members suspended and reinstated by moderators, by change.");

    public static readonly Counter<long> Reports = ForumTelemetry.Meter.CreateCounter<long>(
        "forum.moderation.reports", "{report}", "Reports members made, by reason and kind of content.");

    public static readonly Counter<long> Resolutions = ForumTelemetry.Meter.CreateCounter<long>(
        "forum.moderation.resolutions", "{resolution}", "Reported content moderators resolved, by decision.");

    public static readonly Counter<long> Hidden = ForumTelemetry.Meter.CreateCounter<long>(
        "forum.moderation.hidden", "{item}", "Posts and comments hidden without a moderator (on members' reports), by kind and reason.");

    public static readonly Counter<long> Reviews = ForumTelemetry.Meter.CreateCounter<long>(
        "forum.moderation.reviews", "{decision}", "Moderators' decisions about hidden or held content, by decision and kind.");

    public static readonly Counter<long> DirectActs = ForumTelemetry.Meter.CreateCounter<long>(
        "forum.moderation.direct_acts", "{act}", "Moderators' acts on posts and comments outside the queues (lock, pin, hide, delete...), by action and kind.");
}
