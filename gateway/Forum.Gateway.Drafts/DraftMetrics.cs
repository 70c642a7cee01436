using System.Diagnostics.Metrics;
using Forum.ServiceDefaults.Telemetry;

namespace Forum.Gateway.Drafts;

/// <summary>What drafts report under the forum's meter.</summary>
public static class DraftMetrics
{
    public static readonly Counter<long> Changes =
        ForumTelemetry.Meter.CreateCounter<long>("forum.drafts.changes", "{draft}", "Drafts saved, left unchanged, discarded and published, by change and by kind of place.");

    internal static void Count(string change, DraftPlace place) =>
        Changes.Add(1, new KeyValuePair<string, object?>("change", change), new KeyValuePair<string, object?>("place", place.Kind));
}
