using System.Diagnostics.Metrics;
using Forum.ServiceDefaults.Telemetry;

namespace Forum.Gateway.ReadModels.LiveChanges;

/// <summary>What the live-change log reports under the forum's meter.</summary>
public static class LiveChangeMetrics
{
    public static readonly Counter<long> Recorded =
        ForumTelemetry.Meter.CreateCounter<long>("forum.live.changes_recorded", "{change}", "Changes to open pages appended to the live-change log by this replica's projections.");
}
