using System.Diagnostics.Metrics;
using Forum.ServiceDefaults.Telemetry;

namespace Forum.Gateway.Bookmarks;

/// <summary>What bookmarks report under the forum's meter.</summary>
public static class BookmarkMetrics
{
    public static readonly Counter<long> Changes =
        ForumTelemetry.Meter.CreateCounter<long>("forum.bookmarks.changes", "{bookmark}", "Bookmarks added, noted and removed, by change.");
}
