namespace Forum.EventSourcing;

/// <summary>Work that must get done, whatever the broker or the network do meanwhile.</summary>
public static class Persistently
{
    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds or <paramref name="cancellationToken"/> is
    /// cancelled: an attempt that fails, or does not finish within <paramref name="attemptTimeout"/>
    /// (its token is cancelled then), is reported and tried again after a growing pause.
    /// </summary>
    public static async Task RunAsync(
        Func<CancellationToken, Task> attempt, TimeSpan attemptTimeout, Action<int, Exception> failed, CancellationToken cancellationToken)
    {
        for (var number = 1; ; number++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(attemptTimeout);
            try
            {
                // WaitAsync too: an attempt that ignores its token must not hold its caller either.
                await attempt(timeout.Token).WaitAsync(timeout.Token);
                return;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                failed(number, exception);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 * number * number)), cancellationToken);
            }
        }
    }
}
