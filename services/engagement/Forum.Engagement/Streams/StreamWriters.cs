using Npgsql;

namespace Forum.Engagement.Streams;

/// <summary>
/// Many members liking one post at once all append to that post's one stream. Optimistic
/// concurrency keeps the count exact (a writer that read a stale version fails and tries again);
/// to keep those failures rare, writers of one post take turns within this process, so only
/// writers on other replicas ever collide. Locks are striped: a fixed set, shared by hash.
/// </summary>
public sealed class StreamWriters
{
    /// <summary>How often a write that lost a race is tried again before the caller is told to come back.</summary>
    public const int MaxAttempts = 8;

    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Waits for this post's turn; dispose the result to let the next writer in.</summary>
    public async Task<IDisposable> TurnAsync(Guid streamId, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(streamId.GetHashCode() & int.MaxValue) % _stripes.Length];
        await stripe.WaitAsync(cancellationToken);
        return new Release(stripe);
    }

    /// <summary>A short, growing, jittered pause before attempt <paramref name="attempt"/> + 1.</summary>
    public static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * attempt), cancellationToken);

    /// <summary>
    /// True when a save failed because someone else wrote first: a stale stream or document
    /// version, a stream or document created at the same moment, or a serialization failure.
    /// </summary>
    public static bool IsConflict(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is JasperFx.ConcurrencyException
                or JasperFx.DocumentAlreadyExistsException
                or Marten.Exceptions.ExistingStreamIdCollisionException
                or PostgresException { SqlState: "23505" or "40001" or "40P01" })
            {
                return true;
            }
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsConflict))
            {
                return true;
            }
        }
        return false;
    }

    private sealed class Release(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
