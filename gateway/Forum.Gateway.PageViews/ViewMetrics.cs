using System.Diagnostics.Metrics;
using Forum.ServiceDefaults.Telemetry;

namespace Forum.Gateway.PageViews;

/// <summary>The gateway's view-counting metrics, under the forum's meter.</summary>
public static class ViewMetrics
{
    public static readonly Counter<long> Hits =
        ForumTelemetry.Meter.CreateCounter<long>("forum.views.hits", "{hit}",
            "Posts served, by outcome: buffered (to be counted), crawler (never counted), dropped (buffer full or stopping).");

    public static readonly Histogram<long> BatchSize =
        ForumTelemetry.Meter.CreateHistogram<long>("forum.views.batch.size", "{hit}", "Hits per batch sent to the engagement service.");

    public static readonly Counter<long> BatchAttempts =
        ForumTelemetry.Meter.CreateCounter<long>("forum.views.batch.attempts", "{attempt}",
            "Deliveries of view batches, by result: acknowledged, failed (tried again), refused (invalid, set aside), abandoned (gateway stopped).");

    public static void ObserveBuffer(ViewHitBuffer buffer) =>
        ForumTelemetry.Meter.CreateObservableGauge("forum.views.buffered", () => buffer.Count, "{hit}", "Hits buffered, not yet acknowledged by the engagement service.");
}
