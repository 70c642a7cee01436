using Forum.Contracts.Engagement;
using Forum.Notifications.KnowingPosts;
using Marten;
using MassTransit;

namespace Forum.Notifications.Notifying;

/// <summary>Keeps each post author's one likes notification up to date (<see cref="LikeNotifications"/>).</summary>
public sealed class LikeEventsConsumer(IDocumentSession session) : IConsumer<LikesChanged>
{
    public async Task Consume(ConsumeContext<LikesChanged> context)
    {
        var changed = context.Message;
        var cancellationToken = context.CancellationToken;
        var post = await session.LoadAsync<KnownPost>(changed.PostId, cancellationToken);
        // A post from a publisher older than contract version 2 names no author id: nobody to tell.
        if (post is { Deleted: true } || (post is { Published: true } && post.AuthorId == Guid.Empty))
        {
            return;
        }
        if (post is not { Published: true })
        {
            throw new NotYetKnownException($"Likes of post {changed.PostId} came before the post.");
        }
        var id = NotificationIds.For(NotificationTypes.Likes, post.Id, post.AuthorId);
        var current = await session.LoadAsync<Notification>(id, cancellationToken);
        var next = LikeNotifications.Apply(current, changed, post);
        if (next == current)
        {
            return;
        }
        if (next is null)
        {
            session.Delete<Notification>(id);
            NotificationMetrics.Withdrawn.Add(1, new KeyValuePair<string, object?>("reason", "no likes"));
        }
        else if (current is null)
        {
            session.Insert(next);
            NotificationMetrics.Raised.Add(1, new KeyValuePair<string, object?>("type", next.Type));
        }
        else
        {
            // Written over the version loaded: two like events consumed at once make one of them
            // retry against what the other wrote (optimistic concurrency on the document).
            session.Update(next);
        }
        await session.SaveChangesAsync(cancellationToken);
        await UnreadCounts.AnnounceAsync(session, context, [post.AuthorId], cancellationToken);
    }
}
