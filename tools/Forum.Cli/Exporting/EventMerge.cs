using System.Runtime.CompilerServices;

namespace Forum.Cli.Exporting;

/// <summary>
/// Merges the services' histories into one, in time order (then service, then sequence, so the
/// order is total and the same every time). Each history is read in its own order and only its
/// next event is held, so memory does not grow with the history.
/// </summary>
public static class EventMerge
{
    public static async IAsyncEnumerable<StoredEvent> MergeAsync(
        IReadOnlyList<IAsyncEnumerable<StoredEvent>> histories, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var readers = histories.Select(h => h.GetAsyncEnumerator(cancellationToken)).ToList();
        var next = new PriorityQueue<IAsyncEnumerator<StoredEvent>, StoredEvent>(Order.Instance);
        try
        {
            foreach (var reader in readers)
            {
                if (await reader.MoveNextAsync())
                {
                    next.Enqueue(reader, reader.Current);
                }
            }
            while (next.TryDequeue(out var reader, out var earliest))
            {
                yield return earliest;
                if (await reader.MoveNextAsync())
                {
                    next.Enqueue(reader, reader.Current);
                }
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                await reader.DisposeAsync();
            }
        }
    }

    /// <summary>Time, then service, then sequence.</summary>
    public sealed class Order : IComparer<StoredEvent>
    {
        public static readonly Order Instance = new();

        public int Compare(StoredEvent? x, StoredEvent? y)
        {
            if (x is null || y is null)
            {
                return Comparer<object>.Default.Compare(x, y);
            }
            var byTime = x.Time.UtcTicks.CompareTo(y.Time.UtcTicks);
            if (byTime != 0)
            {
                return byTime;
            }
            var byService = string.CompareOrdinal(x.Service, y.Service);
            return byService != 0 ? byService : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
