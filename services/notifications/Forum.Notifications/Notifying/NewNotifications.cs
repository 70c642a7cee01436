using Marten;

namespace Forum.Notifications.Notifying;

/// <summary>Queues the notifications an event makes that are not there yet, so an event delivered twice adds nothing.</summary>
public static class NewNotifications
{
    /// <summary>
    /// Inserted, not upserted: the same event consumed twice at once fails one insert, and its
    /// retry finds the notification there. Returns how many were queued; saved with the session.
    /// </summary>
    public static async Task<int> InsertMissingAsync(IDocumentSession session, IReadOnlyList<Notification> notifications, CancellationToken cancellationToken)
    {
        if (notifications.Count == 0)
        {
            return 0;
        }
        var existing = (await session.LoadManyAsync<Notification>(cancellationToken, notifications.Select(n => n.Id))).Select(n => n.Id).ToHashSet();
        var missing = notifications.Where(n => !existing.Contains(n.Id)).ToList();
        foreach (var notification in missing)
        {
            session.Insert(notification);
            NotificationMetrics.Raised.Add(1, new KeyValuePair<string, object?>("type", notification.Type));
        }
        return missing.Count;
    }
}
