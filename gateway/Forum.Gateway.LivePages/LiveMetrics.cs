using System.Diagnostics.Metrics;
using Forum.ServiceDefaults.Telemetry;

namespace Forum.Gateway.LivePages;

/// <summary>What live pages report under the forum's meter.</summary>
public static class LiveMetrics
{
    public static readonly UpDownCounter<long> Streams =
        ForumTelemetry.Meter.CreateUpDownCounter<long>("forum.live.streams", "{stream}", "Server-sent event streams open on this replica.");

    public static readonly Counter<long> Sent =
        ForumTelemetry.Meter.CreateCounter<long>("forum.live.events_sent", "{event}", "Server-sent events written to open streams, by kind.");

    public static readonly Counter<long> Replayed =
        ForumTelemetry.Meter.CreateCounter<long>("forum.live.events_replayed", "{event}", "Changes sent again to streams that reconnected with Last-Event-ID.");
}
