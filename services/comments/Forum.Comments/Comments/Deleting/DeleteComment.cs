using Forum.EventSourcing.PersonalData;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;

namespace Forum.Comments.Comments.Deleting;

/// <summary>Someone asks to delete a comment.</summary>
public sealed record DeleteComment(Actor By, DateTimeOffset Now);

/// <summary>The rules for deleting a comment: the author or a moderator; deleting twice changes nothing.</summary>
public static class DeleteCommentDecision
{
    public static Decision<CommentDeleted> Decide(Comment? comment, DeleteComment command)
    {
        if (comment is null)
        {
            return Decision<CommentDeleted>.Refused(Refusal.NotFound("No such comment."));
        }
        if (!comment.MayBeChangedBy(command.By))
        {
            return Decision<CommentDeleted>.Refused(Refusal.Forbidden("Only the author or a moderator may delete this comment."));
        }
        return comment.Deleted
            ? Decision<CommentDeleted>.Unchanged()
            : Decision<CommentDeleted>.Accepted(new CommentDeleted(comment.Id, comment.PostId, command.By.Id, command.By.PersonalName(), command.Now));
    }
}
