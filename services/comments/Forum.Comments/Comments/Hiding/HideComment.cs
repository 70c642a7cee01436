using Forum.EventSourcing.PersonalData;
using Forum.Content;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;

namespace Forum.Comments.Comments.Hiding;

/// <summary>A moderator, or the gateway on the members' reports, asks to hide a comment or show it again.</summary>
public sealed record HideComment(bool Hide, string? Reason, Actor By, bool ByReviewer, DateTimeOffset Now);

/// <summary>The rules for hiding a comment: reviewers only; asking for the state it is already in changes nothing.</summary>
public static class HideCommentDecision
{
    public static Decision<object> Decide(Comment? comment, HideComment command)
    {
        if (!command.ByReviewer)
        {
            return Decision<object>.Refused(Refusal.Forbidden("Only moderators hide comments and show them again."));
        }
        if (comment is null || comment.Deleted)
        {
            return Decision<object>.Refused(Refusal.NotFound("No such comment."));
        }
        if (!command.Hide)
        {
            return comment.Hidden ? Decision<object>.Accepted(new CommentShown(comment.Id, comment.PostId, command.By.PersonalName(), command.Now)) : Decision<object>.Unchanged();
        }
        if (HidingReasons.Normalize(command.Reason ?? HidingReasons.Moderator) is not { } reason)
        {
            var errors = new FieldErrors();
            errors.Add("reason", $"A reason is one of: {string.Join(", ", HidingReasons.All)}.");
            return Decision<object>.Refused(errors, "The comment cannot be hidden.");
        }
        return comment.Hidden ? Decision<object>.Unchanged() : Decision<object>.Accepted(new CommentHidden(comment.Id, comment.PostId, command.By.PersonalName(), reason, command.Now));
    }
}
