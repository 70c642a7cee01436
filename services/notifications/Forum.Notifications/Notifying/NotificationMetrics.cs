using System.Diagnostics.Metrics;
using Forum.ServiceDefaults.Telemetry;

namespace Forum.Notifications.Notifying;

/// <summary>What the notifications service reports under the forum's meter.</summary>
public static class NotificationMetrics
{
    public static readonly Counter<long> Raised =
        ForumTelemetry.Meter.CreateCounter<long>("forum.notifications.raised", "{notification}", "Notifications made, by type (comment, reply, likes).");

    public static readonly Counter<long> Withdrawn =
        ForumTelemetry.Meter.CreateCounter<long>("forum.notifications.withdrawn", "{withdrawal}", "Notifications taken back, by reason (the comment or post was deleted, nobody likes the post any more).");

    public static readonly Counter<long> MarkedRead =
        ForumTelemetry.Meter.CreateCounter<long>("forum.notifications.marked_read", "{notification}", "Notifications their member marked as read.");
}
