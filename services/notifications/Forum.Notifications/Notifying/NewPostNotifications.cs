using Forum.Contracts.Posts;
using Forum.Notifications.KnowingPosts;

namespace Forum.Notifications.Notifying;

/// <summary>A new post tells those who watch its board, except its author.</summary>
public static class NewPostNotifications
{
    public static IReadOnlyList<Notification> For(PostPublished published, KnownPost post, IReadOnlyList<Guid> boardWatchers) =>
        boardWatchers.Where(watcher => watcher != published.AuthorId && watcher != Guid.Empty).Distinct().Select(watcher => new Notification
        {
            Id = NotificationIds.For(NotificationTypes.NewPost, published.PostId, watcher),
            RecipientId = watcher,
            Type = NotificationTypes.NewPost,
            PostId = published.PostId,
            PostTitle = post.Title,
            Actors = [published.Author],
            Excerpt = published.Excerpt,
            CreatedAt = published.PublishedAt,
        }).ToList();
}
