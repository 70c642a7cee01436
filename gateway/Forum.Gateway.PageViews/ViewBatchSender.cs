using Microsoft.Extensions.Options;

namespace Forum.Gateway.PageViews;

/// <summary>
/// Sends the buffered hits to the engagement service in batches: about once a second, or as
/// soon as a batch is full. A batch keeps its id and is sent again until it is acknowledged,
/// so the service can count it exactly once. One batch is in flight at a time; hits keep
/// buffering meanwhile. Stopping the gateway (SIGTERM) sends whatever is buffered before it
/// exits, for as long as the host's shutdown timeout allows.
/// </summary>
public sealed class ViewBatchSender(
    ViewHitBuffer buffer, EngagementViewsClient engagement, IOptions<ViewCountingOptions> options, ILogger<ViewBatchSender> logger)
    : BackgroundService
{
    /// <summary>Fires when the host's shutdown timeout runs out: what is still unsent is then lost.</summary>
    private readonly CancellationTokenSource _giveUp = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (true)
        {
            if (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (!await buffer.WaitForHitsAsync(stoppingToken))
                    {
                        return;
                    }
                    await buffer.WaitForFullBatchAsync(settings.FlushInterval, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    // Stopping: flush what is buffered below, without waiting for more.
                }
            }

            var hits = buffer.Take(settings.MaxBatchSize);
            if (hits.Count == 0)
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                continue;
            }
            if (!await SendUntilAcknowledgedAsync(new ViewBatch(Guid.CreateVersion7(), hits), _giveUp.Token))
            {
                var lost = hits.Count + buffer.Take(int.MaxValue).Count;
                ViewMetrics.Hits.Add(lost, new KeyValuePair<string, object?>("outcome", "dropped"));
                logger.LogError("The gateway stopped before the engagement service acknowledged {Hits} view hits; they are not counted", lost);
                return;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        buffer.Complete();
        await using (cancellationToken.Register(() => _giveUp.Cancel()))
        {
            await base.StopAsync(cancellationToken);
        }
    }

    public override void Dispose()
    {
        _giveUp.Dispose();
        base.Dispose();
    }

    private async Task<bool> SendUntilAcknowledgedAsync(ViewBatch batch, CancellationToken giveUp)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        ViewMetrics.BatchSize.Record(batch.Hits.Count);
        while (true)
        {
            BatchDelivery delivery;
            try
            {
                delivery = await engagement.SendAsync(batch, giveUp);
            }
            catch (OperationCanceledException) when (giveUp.IsCancellationRequested)
            {
                ViewMetrics.BatchAttempts.Add(1, new KeyValuePair<string, object?>("result", "abandoned"));
                return false;
            }
            ViewMetrics.BatchAttempts.Add(1, new KeyValuePair<string, object?>("result", delivery.ToString().ToLowerInvariant()));
            if (delivery is BatchDelivery.Acknowledged or BatchDelivery.Refused)
            {
                return true;
            }
            try
            {
                await Task.Delay(delay, giveUp);
            }
            catch (OperationCanceledException)
            {
                ViewMetrics.BatchAttempts.Add(1, new KeyValuePair<string, object?>("result", "abandoned"));
                return false;
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.MaxRetryDelay.Ticks));
        }
    }
}
