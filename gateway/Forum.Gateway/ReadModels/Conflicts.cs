using Forum.ServiceDefaults.Telemetry;
using JasperFx;
using Marten;

namespace Forum.Gateway.ReadModels;

/// <summary>
/// Read-model documents are written with optimistic concurrency: when two events about one
/// document are projected at once, one write fails and is retried against the fresh document,
/// here and at once rather than through the broker's slower redelivery.
/// </summary>
public static class Conflicts
{
    private const int Attempts = 20;

    /// <summary>
    /// Loads a document, applies a pure rule, and writes the result if it changed: inserted when
    /// new (a colliding insert retries), stored over the loaded version otherwise.
    /// <paramref name="alsoWrite"/> queues more writes derived from the result, in the same transaction.
    /// </summary>
    public static Task ApplyAsync<TDocument>(
        IDocumentStore store, Guid id, Func<TDocument> create, Func<TDocument, TDocument> apply, string eventName, CancellationToken cancellationToken,
        Action<IDocumentSession, TDocument>? alsoWrite = null)
        where TDocument : class =>
        RetryAsync(async () =>
        {
            await using var session = store.LightweightSession();
            var existing = await session.LoadAsync<TDocument>(id, cancellationToken);
            var updated = apply(existing ?? create());
            var tag = new KeyValuePair<string, object?>("event", eventName);
            if (updated.Equals(existing))
            {
                ForumTelemetry.DuplicatesIgnored.Add(1, tag);
                return;
            }
            if (existing is null)
            {
                session.Insert(updated);
            }
            else
            {
                session.Store(updated);
            }
            alsoWrite?.Invoke(session, updated);
            await session.SaveChangesAsync(cancellationToken);
            ForumTelemetry.EventsProjected.Add(1, tag);
        }, cancellationToken);

    public static async Task RetryAsync(Func<Task> attempt, CancellationToken cancellationToken)
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
