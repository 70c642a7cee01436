using Forum.ServiceDefaults.Telemetry;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Forum.EventSourcing;

/// <summary>
/// How far the forwarder trails the event store: events committed but not yet published, and
/// how long the oldest of them has waited. Measured every few seconds from the database (so
/// every replica reports the one forwarder's progress, whichever replica runs it) and published
/// as gauges; readiness turns Degraded when the forwarder has fallen far behind, which is what an
/// operator needs to see when the broker is away or the forwarding replica is gone.
/// </summary>
public sealed class ForwarderLag(NpgsqlDataSource database, IDocumentStore store, TimeProvider clock, ILogger<ForwarderLag> logger)
    : BackgroundService, IHealthCheck
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>Lag beyond which readiness says Degraded (events are kept, only late).</summary>
    public static readonly TimeSpan DegradedAfter = TimeSpan.FromSeconds(30);

    private long _events;
    private double _seconds;

    public long Events => Interlocked.Read(ref _events);

    public double Seconds => Volatile.Read(ref _seconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ForumTelemetry.Meter.CreateObservableGauge("forum.forwarder.lag.events", () => Events, "{event}",
            "Events committed but not yet forwarded to the broker.");
        ForumTelemetry.Meter.CreateObservableGauge("forum.forwarder.lag.seconds", () => Seconds, "s",
            "How long the oldest event not yet forwarded has waited.");
        var schema = store.Options.Events.DatabaseSchemaName;
        var sql = $"""
            with progress as (
                select coalesce((select last_seq_id from {schema}.mt_event_progression where name = '{EventForwarder.SubscriptionName}:All'), 0) as forwarded)
            select (select count(*) from {schema}.mt_events e, progress p where e.seq_id > p.forwarded),
                   (select min(e.timestamp) from {schema}.mt_events e, progress p where e.seq_id > p.forwarded)
            """;
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await using var command = database.CreateCommand(sql);
                await using var reader = await command.ExecuteReaderAsync(stoppingToken);
                await reader.ReadAsync(stoppingToken);
                Interlocked.Exchange(ref _events, reader.GetInt64(0));
                Volatile.Write(ref _seconds, reader.IsDBNull(1) ? 0 : Math.Max(0, (clock.GetUtcNow() - reader.GetFieldValue<DateTimeOffset>(1)).TotalSeconds));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogDebug(e, "Could not measure the forwarder's lag.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["events"] = Events, ["seconds"] = Math.Round(Seconds, 1) };
        return Task.FromResult(Seconds > DegradedAfter.TotalSeconds
            ? HealthCheckResult.Degraded($"The forwarder is {Events} events ({Seconds:F0} s) behind.", data: data)
            : HealthCheckResult.Healthy($"The forwarder is {Events} events behind.", data));
    }
}
