using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Forum.AppHost;

/// <summary>
/// Prints "The forum is ready at …" once every part the forum needs is running and healthy:
/// the database, the broker, and every replica of every service and of the gateway. A person who
/// reads the line can write at once. Until then it says, every few seconds, what it still waits
/// for; if a part exits or the forum is not whole within <c>Forum:ReadyTimeout</c> (default five
/// minutes), it says why and stops the run with a non-zero exit code.
/// </summary>
internal sealed class ReadinessAnnouncement(
    ResourceNotificationService notifications,
    IHostApplicationLifetime lifetime,
    IConfiguration configuration,
    ReadinessAnnouncement.Expected expected,
    ILogger<ReadinessAnnouncement> logger) : BackgroundService
{
    /// <summary>The resources that make up the forum and how many instances of each must be healthy.</summary>
    public sealed record Expected(string ReadyLine, IReadOnlyList<(IResource Resource, int Replicas)> Resources);

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timeout = configuration.GetValue("Forum:ReadyTimeout", TimeSpan.FromMinutes(5));
        var instances = new Dictionary<string, (IResource Resource, CustomResourceSnapshot Snapshot)>(StringComparer.Ordinal);
        var lastProgress = TimeProvider.System.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(timeout);
        try
        {
            await foreach (var update in notifications.WatchAsync(deadline.Token))
            {
                if (!expected.Resources.Any(r => ReferenceEquals(r.Resource, update.Resource)))
                {
                    continue;
                }
                instances[update.ResourceId] = (update.Resource, update.Snapshot);
                if (instances.Values.FirstOrDefault(i => HasEnded(i.Snapshot)) is { Resource: not null } ended)
                {
                    Fail($"{ended.Resource.Name} stopped before the forum was ready ({ended.Snapshot.State?.Text}, exit code {ended.Snapshot.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}); see its log above.");
                    return;
                }
                var waiting = WaitingFor(instances);
                if (waiting.Count == 0)
                {
                    logger.LogInformation("Every part of the forum is healthy, {Seconds:0.0} s after the run started",
                        (DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalSeconds);
                    Console.WriteLine(expected.ReadyLine);
                    return;
                }
                if (TimeProvider.System.GetElapsedTime(lastProgress) >= ProgressInterval)
                {
                    lastProgress = TimeProvider.System.GetTimestamp();
                    Console.WriteLine($"Waiting for: {string.Join(", ", waiting)}");
                }
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            Fail($"The forum was not ready within {timeout}; still waiting for: {string.Join(", ", WaitingFor(instances))}.");
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>What is not yet healthy: each expected replica that has not reported, and each instance that is not running healthy.</summary>
    private List<string> WaitingFor(Dictionary<string, (IResource Resource, CustomResourceSnapshot Snapshot)> instances)
    {
        var waiting = new List<string>();
        foreach (var (resource, replicas) in expected.Resources)
        {
            var known = instances.Where(i => ReferenceEquals(i.Value.Resource, resource)).ToList();
            foreach (var (id, (_, snapshot)) in known.Where(i => !IsHealthy(i.Value.Snapshot)))
            {
                waiting.Add($"{id} ({snapshot.State?.Text ?? "not started"}{(snapshot.HealthStatus is { } health ? $", {health}" : "")})");
            }
            if (known.Count < replicas)
            {
                waiting.Add($"{resource.Name} ({replicas - known.Count} of {replicas} not created yet)");
            }
        }
        return waiting;
    }

    private static bool IsHealthy(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text == KnownResourceStates.Running && snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;

    private static bool HasEnded(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text is { } state && (state == KnownResourceStates.Exited || state == KnownResourceStates.FailedToStart || state == KnownResourceStates.Finished);

    private void Fail(string reason)
    {
        logger.LogError("{Reason}", reason);
        Console.Error.WriteLine($"The forum did not start: {reason}");
        Environment.ExitCode = 1;
        lifetime.StopApplication();
    }
}
