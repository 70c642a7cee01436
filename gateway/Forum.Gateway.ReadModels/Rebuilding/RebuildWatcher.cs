using Marten;

namespace Forum.Gateway.ReadModels.Rebuilding;

/// <summary>
/// Every replica reads the rebuild status a few times a second, so that within
/// <see cref="NoticePeriod"/> of a rebuild starting, every replica writes each live event into
/// the rebuild as well; the runner waits that long before it reads the history. An event is then
/// either in the history the runner reads, or written into the rebuild by whoever consumes it.
/// </summary>
public sealed class RebuildWatcher(IDocumentStore store, RebuildSchema schema, TimeProvider clock, ILogger<RebuildWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan NoticePeriod = PollInterval * 6;

    /// <summary>A runner that has not reported for this long is presumed gone with its replica.</summary>
    public static readonly TimeSpan RunnerSilenceLimit = TimeSpan.FromSeconds(60);

    private volatile IDocumentStore? _aside;

    /// <summary>The rebuild's store while one runs; null otherwise.</summary>
    public IDocumentStore? Aside => _aside;

    public async Task<RebuildStatus> StatusAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<RebuildStatus>(RebuildStatus.Key, cancellationToken) ?? new RebuildStatus();
    }

    /// <summary>Follows the status at once rather than at the next poll (the runner's own replica).</summary>
    public void Follow(RebuildStatus status)
    {
        if (status.IsRunning(clock.GetUtcNow()))
        {
            _aside = schema.StoreFor(status.Generation);
        }
        else if (_aside is not null)
        {
            _aside = null;
            schema.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval, clock);
        do
        {
            try
            {
                Follow(await StatusAsync(stoppingToken));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not read the read-model rebuild status.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
