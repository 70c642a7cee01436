using System.Diagnostics;
using Forum.Gateway.ReadModels.LiveChanges;
using Forum.ServiceDefaults.Telemetry;
using Npgsql;

namespace Forum.Gateway.LivePages;

/// <summary>
/// Reads the live-change log as it grows and hands each change to this replica's open streams.
/// Woken by <c>NOTIFY</c> when any replica appends. A dropped connection or a restarted database
/// loses the notifications sent meanwhile, so after reconnecting it reads what it missed, and it
/// looks every half minute anyway. It reads on from the last number it handed over, so nothing is skipped or repeated.
/// </summary>
public sealed class LiveChangeListener(NpgsqlDataSource database, LiveChangeLog log, LiveTopics topics, TimeProvider clock, ILogger<LiveChangeListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan SafetyNetPoll = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);
    private const int Page = 1000;

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _handedOver;

    /// <summary>The last number handed to this replica's streams: where a new stream starts.</summary>
    public long Position => Volatile.Read(ref _handedOver);

    /// <summary>Completes once the listener knows where the log ends.</summary>
    public Task Started => _started.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastPrune = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!_started.Task.IsCompleted)
                {
                    Volatile.Write(ref _handedOver, (await log.BoundsAsync(stoppingToken)).Newest);
                    _started.TrySetResult();
                }
                await using var connection = await database.OpenConnectionAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"listen {LiveChangeLog.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                // Whatever was appended while no one listened.
                await HandOverAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(SafetyNetPoll, stoppingToken);
                    await HandOverAsync(stoppingToken);
                    if (clock.GetUtcNow() - lastPrune > PruneEvery)
                    {
                        lastPrune = clock.GetUtcNow();
                        await log.PruneAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Reading the live-change log failed; trying again in a second.");
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task HandOverAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var changes = await log.ReadAfterAsync(Position, topic: null, Page, cancellationToken);
            if (changes.Count == 0)
            {
                return;
            }
            using var activity = ForumTelemetry.Source.StartActivity("hand live changes to open streams", ActivityKind.Internal);
            var delivered = 0;
            foreach (var change in changes)
            {
                delivered += topics.Publish(change);
            }
            activity?.SetTag("forum.live.changes", changes.Count);
            activity?.SetTag("forum.live.deliveries", delivered);
            Volatile.Write(ref _handedOver, changes[^1].Seq);
            if (changes.Count < Page)
            {
                return;
            }
        }
    }
}
