using Forum.EventSourcing.PersonalData;
using Forum.Content;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;

namespace Forum.Posts.Posts.Hiding;

/// <summary>A moderator, or the gateway on the members' reports, asks to hide a post or show it again.</summary>
/// <param name="Reason">Why it is hidden (<see cref="HidingReasons"/>); unused when showing.</param>
public sealed record HidePost(Guid PostId, bool Hide, string? Reason, Actor By, bool ByReviewer, DateTimeOffset Now);

/// <summary>The rules for hiding: reviewers only; asking for the state a post is already in changes nothing.</summary>
public static class HidePostDecision
{
    public static Decision<object> Decide(Post? post, HidePost command)
    {
        if (!command.ByReviewer)
        {
            return Decision<object>.Refused(Refusal.Forbidden("Only moderators hide posts and show them again."));
        }
        if (post is null || post.Deleted)
        {
            return Decision<object>.Refused(Refusal.NotFound("No such post."));
        }
        if (command.Hide)
        {
            if (HidingReasons.Normalize(command.Reason ?? HidingReasons.Moderator) is not { } reason)
            {
                var errors = new FieldErrors();
                errors.Add("reason", $"A reason is one of: {string.Join(", ", HidingReasons.All)}.");
                return Decision<object>.Refused(errors, "The post cannot be hidden.");
            }
            return post.Hidden ? Decision<object>.Unchanged() : Decision<object>.Accepted(new PostHidden(post.Id, command.By.PersonalName(), reason, command.Now));
        }
        return post.Hidden ? Decision<object>.Accepted(new PostShown(post.Id, command.By.PersonalName(), command.Now)) : Decision<object>.Unchanged();
    }
}
