using Forum.ServiceDefaults.Telemetry;
using JasperFx;
using Marten;

namespace Forum.Gateway.ReadModels;

/// <summary>
/// The batched apply behind every projector. Read-model documents are written with optimistic
/// concurrency: when two events about one document are projected at once, one write fails and
/// is retried against the fresh document, here and at once rather than through the broker's
/// slower redelivery.
/// </summary>
public static class ProjectionBatches
{
    private const int Attempts = 20;

    /// <summary>
    /// Applies events, in order, to the documents they are about: loads those documents in one
    /// round trip, runs the pure rule over each event, and writes what changed in one transaction
    /// (new documents inserted, so a colliding insert retries; others stored over the loaded
    /// version). A live event is a batch of one; a rebuild sends whole pages through the same code.
    /// <paramref name="alsoWrite"/> queues more writes derived from a changed document, in the same transaction.
    /// </summary>
    /// <paramref name="counted"/>: whether the metrics count these events (an event projected into
    /// two read models counts once).
    public static Task ApplyAsync<TKey, TDocument>(
        IDocumentStore store, IReadOnlyList<(TKey Id, object Event)> events, Func<TKey, TDocument> create, Func<TDocument, object, TDocument> apply,
        Func<TDocument, TKey> idOf, CancellationToken cancellationToken, Action<IDocumentSession, TDocument>? alsoWrite = null, bool counted = true)
        where TKey : notnull
        where TDocument : class =>
        events.Count == 0 ? Task.CompletedTask : RetryOnConflictAsync(async () =>
        {
            await using var session = store.LightweightSession();
            var loaded = (await LoadAsync<TKey, TDocument>(session, events.Select(e => e.Id).Distinct(), cancellationToken)).ToDictionary(idOf);
            var current = new Dictionary<TKey, TDocument>(loaded);
            var changed = new HashSet<TKey>();
            foreach (var (id, e) in events)
            {
                var before = current.GetValueOrDefault(id) ?? create(id);
                var after = apply(before, e);
                var tag = new KeyValuePair<string, object?>("event", e.GetType().Name);
                if (after.Equals(before) && current.ContainsKey(id))
                {
                    if (counted)
                    {
                        ReadModelMetrics.DuplicatesIgnored.Add(1, tag);
                    }
                    continue;
                }
                current[id] = after;
                changed.Add(id);
                if (counted)
                {
                    ReadModelMetrics.EventsProjected.Add(1, tag);
                }
            }
            if (changed.Count == 0)
            {
                return;
            }
            foreach (var id in changed)
            {
                if (loaded.ContainsKey(id))
                {
                    session.Store(current[id]);
                }
                else
                {
                    session.Insert(current[id]);
                }
                alsoWrite?.Invoke(session, current[id]);
            }
            await session.SaveChangesAsync(cancellationToken);
        }, cancellationToken);

    private static async Task<IReadOnlyList<TDocument>> LoadAsync<TKey, TDocument>(IQuerySession session, IEnumerable<TKey> ids, CancellationToken cancellationToken)
        where TKey : notnull
        where TDocument : class => ids switch
    {
        IEnumerable<Guid> guids => await session.LoadManyAsync<TDocument>(cancellationToken, guids.ToArray()),
        IEnumerable<string> strings => await session.LoadManyAsync<TDocument>(cancellationToken, strings.ToArray()),
        _ => throw new NotSupportedException($"Documents keyed by {typeof(TKey).Name} are not read models."),
    };

    public static async Task RetryOnConflictAsync(Func<Task> attempt, CancellationToken cancellationToken)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                await attempt();
                return;
            }
            catch (Exception e) when (i < Attempts && IsConflict(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * i)), cancellationToken);
            }
        }
    }

    private static bool IsConflict(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is ConcurrencyException or DocumentAlreadyExistsException or Npgsql.PostgresException { SqlState: "23505" })
            {
                return true;
            }
        }
        return false;
    }
}
