namespace Forum.Gateway.Accounts;

/// <summary>
/// Sends what an outbox holds: woken when something is queued (<see cref="Wake"/>) and every few
/// seconds besides, so nothing waits long even when the wake is missed (another replica queued it,
/// or this one restarted). A failed round is logged and tried again at the next.
/// </summary>
public abstract class OutboxWorker(ILogger logger) : BackgroundService
{
    private static readonly TimeSpan LookEvery = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Says that something is waiting, so it goes out now rather than at the next look.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try { _wake.Release(); } catch (SemaphoreFullException) { }
        }
    }

    /// <summary>Sends what waits now.</summary>
    protected abstract Task SendWaitingAsync(CancellationToken cancellationToken);

    /// <summary>What the log says when a round failed.</summary>
    protected abstract string FailureMessage { get; }

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendWaitingAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "{Failure}", FailureMessage);
            }
            try
            {
                await _wake.WaitAsync(LookEvery, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
