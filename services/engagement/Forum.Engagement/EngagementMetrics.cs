using System.Diagnostics.Metrics;
using Forum.ServiceDefaults.Telemetry;

namespace Forum.Engagement;

/// <summary>The engagement service's own metrics, under the forum's meter.</summary>
public static class EngagementMetrics
{
    public static readonly Counter<long> LikesChanged =
        ForumTelemetry.Meter.CreateCounter<long>("forum.likes.changed", "{like}", "Likes given (change=like) and taken back (change=unlike).");

    public static readonly Counter<long> WriteConflicts =
        ForumTelemetry.Meter.CreateCounter<long>("forum.engagement.write_conflicts", "{conflict}", "Writes to a post's engagement stream that lost a race and were tried again.");

    public static readonly Counter<long> ViewBatches =
        ForumTelemetry.Meter.CreateCounter<long>("forum.views.batches", "{batch}", "View batches received (outcome=counted, or duplicate for a batch already counted).");

    public static readonly Histogram<long> ViewBatchHits =
        ForumTelemetry.Meter.CreateHistogram<long>("forum.views.batch.hits", "{hit}", "View hits per batch received.");

    public static readonly Counter<long> ViewsCounted =
        ForumTelemetry.Meter.CreateCounter<long>("forum.views.counted", "{view}", "Views counted: hits of a viewer outside their window on a post that is not deleted.");

    public static readonly Counter<long> HitsNotCounted =
        ForumTelemetry.Meter.CreateCounter<long>("forum.views.hits_not_counted", "{hit}", "Hits that added no view (reason=window: the viewer was counted recently; reason=deleted: the post is deleted).");
}
