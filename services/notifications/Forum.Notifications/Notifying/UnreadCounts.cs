using Forum.Contracts.Notifications;
using Marten;
using MassTransit;

namespace Forum.Notifications.Notifying;

/// <summary>
/// Tells the gateway's open pages a member's new unread count once a change is saved. Every
/// change announces the members it concerns, whether or not this delivery was the one that
/// saved it, so an event retried after a failed announcement announces again.
/// </summary>
public static class UnreadCounts
{
    public static async Task AnnounceAsync(IQuerySession session, IPublishEndpoint publish, IEnumerable<Guid> recipients, CancellationToken cancellationToken)
    {
        foreach (var recipient in recipients.Where(r => r != Guid.Empty).Distinct())
        {
            var unread = await session.Query<Notification>().CountAsync(n => n.RecipientId == recipient && !n.Read, cancellationToken);
            await publish.Publish(new UnreadCountChanged(recipient, unread, DateTimeOffset.UtcNow), cancellationToken);
        }
    }

    /// <summary>The members some notifications are for, before they are withdrawn.</summary>
    public static async Task<IReadOnlyList<Guid>> RecipientsAsync(IQuerySession session, System.Linq.Expressions.Expression<Func<Notification, bool>> which, CancellationToken cancellationToken) =>
        await session.Query<Notification>().Where(which).Select(n => n.RecipientId).Distinct().ToListAsync(cancellationToken);
}
