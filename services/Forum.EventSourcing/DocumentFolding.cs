using Marten;

namespace Forum.EventSourcing;

/// <summary>
/// A service's own document kept from the events it consumes: load it, fold the event in, and
/// write it only if it changed, so a redelivered or older event writes nothing.
/// </summary>
public static class DocumentFolding
{
    /// <summary>
    /// Applies <paramref name="fold"/> to the document <paramref name="id"/> (null when there is none
    /// yet) and saves the result if it differs (a null result: still nothing worth keeping). A new document is inserted, not upserted: when two
    /// events of the same document are consumed at the same moment, the second insert fails and the
    /// bus retries that message against what the first one left.
    /// </summary>
    public static async Task FoldAsync<TDocument>(
        this IDocumentSession session, Guid id, Func<TDocument?, TDocument?> fold, CancellationToken cancellationToken)
        where TDocument : class
    {
        var known = await session.LoadAsync<TDocument>(id, cancellationToken);
        var updated = fold(known);
        if (updated is null || Equals(updated, known))
        {
            return;
        }
        if (known is null)
        {
            session.Insert(updated);
        }
        else
        {
            session.Store(updated);
        }
        await session.SaveChangesAsync(cancellationToken);
    }
}
