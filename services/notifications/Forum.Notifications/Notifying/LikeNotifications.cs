using Forum.Contracts.Engagement;
using Forum.Notifications.KnowingPosts;

namespace Forum.Notifications.Notifying;

/// <summary>
/// Likes on a post are one notification for its author that updates ("3 people liked your
/// post"), not one per like. The count is taken only from a newer engagement version, so a
/// redelivered or late event changes nothing; more likes make it unread again, fewer do not.
/// </summary>
public static class LikeNotifications
{
    /// <summary>How many of the newest likers a likes notification names.</summary>
    public const int NamedLikers = 3;

    /// <summary>The post author's likes notification after <paramref name="changed"/>; null when no one likes the post any more.</summary>
    public static Notification? Apply(Notification? current, LikesChanged changed, KnownPost post)
    {
        if (current is not null && changed.Version <= current.SourceVersion)
        {
            return current;
        }
        if (changed.Likes <= 0)
        {
            return null;
        }
        var more = current is null || changed.Likes > current.Count;
        // The newest likers first, a few of them ("minh, an and 3 others"); one who takes a like
        // back is no longer named.
        var actors = (current?.Actors ?? []).Where(name => name != changed.Member);
        if (changed.Liked == true && changed.Member.Length > 0)
        {
            actors = actors.Prepend(changed.Member);
        }
        return new Notification
        {
            Id = NotificationIds.For(NotificationTypes.Likes, post.Id, post.AuthorId),
            RecipientId = post.AuthorId,
            Type = NotificationTypes.Likes,
            PostId = post.Id,
            PostTitle = post.Title,
            Count = changed.Likes,
            Actors = [.. actors.Take(NamedLikers)],
            CreatedAt = more ? changed.At : current!.CreatedAt,
            Read = !more && current!.Read,
            SourceVersion = changed.Version,
        };
    }
}
