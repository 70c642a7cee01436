using Forum.EventSourcing.PersonalData;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;

namespace Forum.Posts.Posts.Moderating;

/// <summary>What a moderator can do to a post.</summary>
public enum Moderation
{
    Lock,
    Unlock,
    Pin,
    Unpin,
}

/// <summary>A moderator asks to lock, unlock, pin or unpin a post.</summary>
public sealed record ModeratePost(Guid PostId, Moderation Action, Actor By, DateTimeOffset Now);

/// <summary>The rules for moderating: moderators only; asking for the state a post is already in changes nothing.</summary>
public static class ModeratePostDecision
{
    public static Decision<object> Decide(Post? post, ModeratePost command)
    {
        if (!command.By.IsModerator)
        {
            return Decision<object>.Refused(Refusal.Forbidden("Only moderators lock, unlock, pin and unpin posts."));
        }
        if (post is null || post.Deleted)
        {
            return Decision<object>.Refused(Refusal.NotFound("No such post."));
        }
        var (already, change) = command.Action switch
        {
            Moderation.Lock => (post.Locked, (object)new PostLocked(post.Id, command.By.PersonalName(), command.Now)),
            Moderation.Unlock => (!post.Locked, new PostUnlocked(post.Id, command.By.PersonalName(), command.Now)),
            Moderation.Pin => (post.Pinned, new PostPinned(post.Id, command.By.PersonalName(), command.Now)),
            _ => (!post.Pinned, new PostUnpinned(post.Id, command.By.PersonalName(), command.Now)),
        };
        return already ? Decision<object>.Unchanged() : Decision<object>.Accepted(change);
    }
}
