using Forum.Contracts.Comments;
using Forum.Notifications.KnowingPosts;

namespace Forum.Notifications.Notifying;

/// <summary>
/// Whom a new comment concerns, as a pure rule: the author of the comment it answers (a reply), the
/// members it names with <c>@name</c> (a mention), the post's author (a comment on their post), and
/// those who watch the post, each once and by the first of these that fits, and never the one who
/// wrote it.
/// </summary>
public static class CommentNotifications
{
    public static IReadOnlyList<Notification> For(CommentAdded added, KnownPost post, KnownComment? answered, IReadOnlyList<Guid>? watchers = null)
    {
        var notifications = new List<Notification>();
        var excerpt = Excerpts.FromHtml(added.BodyHtml);
        void Notify(string type, Guid recipient)
        {
            if (recipient == Guid.Empty || recipient == added.AuthorId || notifications.Any(n => n.RecipientId == recipient))
            {
                return;
            }
            notifications.Add(new Notification
            {
                Id = NotificationIds.For(type, added.CommentId, recipient),
                RecipientId = recipient,
                Type = type,
                PostId = added.PostId,
                CommentId = added.CommentId,
                PostTitle = post.Title,
                Actors = [added.Author],
                Count = 1,
                Excerpt = excerpt,
                CreatedAt = added.CreatedAt,
            });
        }

        if (answered is not null)
        {
            Notify(NotificationTypes.Reply, answered.AuthorId);
        }
        foreach (var mentioned in added.Mentioned ?? [])
        {
            Notify(NotificationTypes.Mention, mentioned);
        }
        Notify(NotificationTypes.Comment, post.AuthorId);
        foreach (var watcher in watchers ?? [])
        {
            Notify(NotificationTypes.NewComment, watcher);
        }
        return notifications;
    }

    /// <summary>The comment a reply answers: the one it quotes (a reply to a reply), else the one that starts its thread.</summary>
    public static Guid? AnsweredCommentId(CommentAdded added) => added.Quote?.CommentId ?? added.ParentId;
}
