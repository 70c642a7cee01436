using Forum.Contracts.Posts;
using Forum.Notifications.KnowingPosts;

namespace Forum.Notifications.Notifying;

/// <summary>
/// A new post tells the members it names with <c>@name</c> (a mention), and those who watch its
/// board; each once, by the first that fits, and never its author.
/// </summary>
public static class NewPostNotifications
{
    public static IReadOnlyList<Notification> For(PostPublished published, KnownPost post, IReadOnlyList<Guid> boardWatchers) =>
        (published.Mentioned ?? []).Select(member => (Type: NotificationTypes.Mention, Recipient: member))
            .Concat(boardWatchers.Select(watcher => (Type: NotificationTypes.NewPost, Recipient: watcher)))
            .Where(target => target.Recipient != published.AuthorId && target.Recipient != Guid.Empty)
            .DistinctBy(target => target.Recipient)
            .Select(target => new Notification
            {
                Id = NotificationIds.For(target.Type, published.PostId, target.Recipient),
                RecipientId = target.Recipient,
                Type = target.Type,
                PostId = published.PostId,
                PostTitle = post.Title,
                Actors = [published.Author],
                Excerpt = published.Excerpt,
                CreatedAt = published.PublishedAt,
            }).ToList();
}
