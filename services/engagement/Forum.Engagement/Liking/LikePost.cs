using Forum.EventSourcing.PersonalData;
using Forum.Engagement.KnowingPosts;
using Forum.Engagement.Streams;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;

namespace Forum.Engagement.Liking;

/// <summary>A member asks to like a post.</summary>
public sealed record LikePost(Guid PostId, Actor By, DateTimeOffset Now);

/// <summary>A member asks to take back their like of a post.</summary>
public sealed record UnlikePost(Guid PostId, Actor By, DateTimeOffset Now);

/// <summary>
/// The rules for likes: one per member per post, however often it is sent; a deleted or unknown
/// post takes none; an author may not like their own post (a like says what others think of it).
/// </summary>
public static class LikeDecisions
{
    public static Decision<PostLiked> Decide(EngageablePost? post, PostEngagement? engagement, LikePost command)
    {
        if (post is null || post.Deleted)
        {
            return Decision<PostLiked>.Refused(NoSuchPost(command.PostId));
        }
        if (IsAuthor(post, command.By))
        {
            return Decision<PostLiked>.Refused(Refusal.Forbidden(
                "Authors do not like their own posts.", "A like counts what other members think of a post."));
        }
        var likes = engagement?.Likes ?? 0;
        return engagement?.IsLikedBy(command.By.Id) == true
            ? Decision<PostLiked>.Unchanged()
            : Decision<PostLiked>.Accepted(new PostLiked(post.Id, command.By.Id, likes + 1, command.Now, command.By.PersonalName()));
    }

    public static Decision<PostUnliked> Decide(EngageablePost? post, PostEngagement? engagement, UnlikePost command)
    {
        if (post is null || post.Deleted)
        {
            return Decision<PostUnliked>.Refused(NoSuchPost(command.PostId));
        }
        return engagement?.IsLikedBy(command.By.Id) == true
            ? Decision<PostUnliked>.Accepted(new PostUnliked(post.Id, command.By.Id, engagement.Likes - 1, command.Now, command.By.PersonalName()))
            : Decision<PostUnliked>.Unchanged();
    }

    /// <summary>By account id; posts from publishers older than contract version 2 carry only the author's (unique) name.</summary>
    private static bool IsAuthor(EngageablePost post, Actor actor) =>
        post.AuthorId != Guid.Empty ? post.AuthorId == actor.Id : string.Equals(post.Author.Text, actor.Name, StringComparison.Ordinal);

    private static Refusal NoSuchPost(Guid postId) =>
        Refusal.NotFound("No such post.", $"There is no post {postId}, or it was deleted. A post published a moment ago may take a few milliseconds to be known here.");
}
