using Forum.ServiceDefaults.Telemetry;
using JasperFx;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Forum.EventSourcing;

/// <summary>
/// Gets a forwarder going again after Marten stopped it for good. When another process moved the
/// forwarder's recorded progress under it (two replicas forwarding at once, briefly, after a
/// PostgreSQL restart dropped the HotCold lock and both took it), Marten stops the agent rather
/// than pausing it, and its coordinator restarts paused or missing agents but never a stopped
/// one: forwarding stalled until the service was restarted (found by the fault suite). This
/// removes an agent left stopped; the coordinator then starts it again, from the recorded
/// progress, on whichever replica holds the lock. Events published twice on the way are the
/// at-least-once the consumers already dedupe.
/// </summary>
internal sealed class StoppedForwarderRestarter(
    IProjectionCoordinator coordinator, TimeProvider clock, ILogger<StoppedForwarderRestarter> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // An agent is stopped for a moment on its way out of the daemon too; only one still
        // there a tick later was left behind.
        var stoppedBefore = new HashSet<string>();
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var daemon = coordinator.DaemonForMainDatabase();
                var stopped = daemon.CurrentAgents()
                    .Where(agent => agent.Status == AgentStatus.Stopped)
                    .Select(agent => agent.Name.Identity)
                    .ToHashSet();
                foreach (var identity in stopped.Intersect(stoppedBefore))
                {
                    logger.LogWarning("Subscription {Shard} was stopped by a conflict and left stopped; removing it so that it starts again from its recorded progress", identity);
                    EventStoreMetrics.ForwarderRestarts.Add(1, new KeyValuePair<string, object?>("shard", identity));
                    await daemon.StopAgentAsync(identity);
                    stopped.Remove(identity);
                }
                stoppedBefore = stopped;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogDebug(exception, "Could not look for stopped subscriptions.");
            }
        }
    }
}
