using System.Diagnostics.Metrics;
using Forum.ServiceDefaults.Telemetry;

namespace Forum.EventSourcing;

/// <summary>What the event store and its forwarder report under the forum's meter.</summary>
public static class EventStoreMetrics
{
    public static readonly Counter<long> EventsAppended =
        ForumTelemetry.Meter.CreateCounter<long>("forum.events.appended", "{event}", "Domain events appended to the event store.");

    public static readonly Counter<long> EventsForwarded =
        ForumTelemetry.Meter.CreateCounter<long>("forum.events.forwarded", "{event}", "Integration events published to the broker.");

    public static readonly Counter<long> ForwardRetries =
        ForumTelemetry.Meter.CreateCounter<long>("forum.events.forward_retries", "{attempt}", "Publishes to the broker that failed and are tried again (a broker outage).");

    public static readonly Counter<long> EventsDeadLettered =
        ForumTelemetry.Meter.CreateCounter<long>("forum.events.dead_lettered", "{event}", "Stored events that could not be forwarded and were set aside.");

    public static readonly Counter<long> ForwarderRestarts =
        ForumTelemetry.Meter.CreateCounter<long>("forum.forwarder.restarts", "{restart}", "Forwarders Marten stopped after a progress conflict and the service started again.");

    /// <summary>Dead letters stored in the service's event store, as last read by its readiness check.</summary>
    public static long StoredDeadLetters
    {
        get => Interlocked.Read(ref _storedDeadLetters);
        set => Interlocked.Exchange(ref _storedDeadLetters, value);
    }

    private static long _storedDeadLetters;

    public static readonly ObservableGauge<long> DeadLetters =
        ForumTelemetry.Meter.CreateObservableGauge("forum.events.dead_letters", () => StoredDeadLetters, "{event}",
            "Stored events set aside as dead letters (by the forwarder or by Marten when they cannot be read), as last checked by /health/ready.");
}
