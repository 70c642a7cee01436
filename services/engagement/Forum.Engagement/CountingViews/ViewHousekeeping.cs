using Marten;
using Microsoft.Extensions.Options;

namespace Forum.Engagement.CountingViews;

/// <summary>
/// Removes viewer windows long expired (an expired window counts its viewer again just as a
/// missing one does) and the ids of batches counted long ago, so neither grows without end.
/// Harmless when several replicas do it at once.
/// </summary>
public sealed class ViewHousekeeping(IDocumentStore store, IOptions<ViewOptions> options, TimeProvider clock, ILogger<ViewHousekeeping> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.HousekeepingInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Removing expired viewer windows failed; trying again in {Interval}", settings.HousekeepingInterval);
            }
        }
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var windowsBefore = now - settings.Window - settings.LateHitAllowance;
        var batchesBefore = now - settings.BatchIdRetention;
        await using (var connection = store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync(cancellationToken);
            await ViewerWindows.RemoveExpiredAsync(connection, store.Options.DatabaseSchemaName, windowsBefore, cancellationToken);
        }
        await using var session = store.LightweightSession();
        session.DeleteWhere<CountedViewBatch>(b => b.CountedAt < batchesBefore);
        await session.SaveChangesAsync(cancellationToken);
    }
}
