using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Forum.AppHost;

/// <summary>
/// Writes each resource's state changes (starting, running, healthy, exited) to the console, so a
/// run without the dashboard in front of you still says what is up and what failed.
/// </summary>
internal sealed class ResourceStateLog(ResourceNotificationService notifications, ILogger<ResourceStateLog> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var last = new Dictionary<string, string>();
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                var state = $"{update.Snapshot.State?.Text ?? "?"}{(update.Snapshot.HealthStatus is { } health ? $" ({health})" : "")}";
                if (update.Snapshot.ExitCode is { } exitCode)
                {
                    state += $" exit code {exitCode}";
                }
                if (!last.TryGetValue(update.ResourceId, out var previous) || previous != state)
                {
                    last[update.ResourceId] = state;
                    logger.LogInformation("{Resource}: {State}", update.ResourceId, state);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
