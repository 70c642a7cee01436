using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Forum.ServiceDefaults.Telemetry;

/// <summary>The forum's own traces and metrics; every service reports under these names.</summary>
public static class ForumTelemetry
{
    public const string Name = "Forum";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> EventsAppended =
        Meter.CreateCounter<long>("forum.events.appended", "{event}", "Domain events appended to the event store.");

    public static readonly Counter<long> EventsForwarded =
        Meter.CreateCounter<long>("forum.events.forwarded", "{event}", "Integration events published to the broker.");

    public static readonly Counter<long> ForwardRetries =
        Meter.CreateCounter<long>("forum.events.forward_retries", "{attempt}", "Publishes to the broker that failed and are tried again (a broker outage).");

    public static readonly Counter<long> EventsDeadLettered =
        Meter.CreateCounter<long>("forum.events.dead_lettered", "{event}", "Stored events that could not be forwarded and were set aside.");

    public static readonly Counter<long> ForwarderRestarts =
        Meter.CreateCounter<long>("forum.forwarder.restarts", "{restart}", "Forwarders Marten stopped after a progress conflict and the service started again.");

    /// <summary>Dead letters stored in the service's event store, as last read by its readiness check.</summary>
    public static long StoredDeadLetters
    {
        get => Interlocked.Read(ref _storedDeadLetters);
        set => Interlocked.Exchange(ref _storedDeadLetters, value);
    }

    private static long _storedDeadLetters;

    public static readonly ObservableGauge<long> DeadLetters =
        Meter.CreateObservableGauge("forum.events.dead_letters", () => StoredDeadLetters, "{event}",
            "Stored events set aside as dead letters (by the forwarder or by Marten when they cannot be read), as last checked by /health/ready.");

    public static readonly Counter<long> MessagesFaulted =
        Meter.CreateCounter<long>("forum.messages.faulted", "{message}", "Messages a consumer failed after its retries; MassTransit moves them to the queue's _error queue.");

    public static readonly Counter<long> EventsProjected =
        Meter.CreateCounter<long>("forum.events.projected", "{event}", "Integration events applied to a read model.");

    public static readonly Counter<long> DuplicatesIgnored =
        Meter.CreateCounter<long>("forum.events.duplicates_ignored", "{event}", "Integration events ignored because they were already applied.");

    public static readonly Counter<long> ReadModelRebuilds =
        Meter.CreateCounter<long>("forum.read_models.rebuilds", "{rebuild}", "Read-model rebuilds finished, by outcome (swapped or failed).");

    public static readonly Counter<long> ServiceUnavailable =
        Meter.CreateCounter<long>("forum.gateway.service_unavailable", "{request}", "Commands the gateway answered 503 because their service could not be reached.");
}
