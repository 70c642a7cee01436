using Forum.EventSourcing.PersonalData;
using Forum.Content;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;

namespace Forum.Comments.Comments.Editing;

/// <summary>Someone asks to change a comment's body.</summary>
public sealed record EditComment(string? Body, Actor Editor, DateTimeOffset Now);

/// <summary>The rules for editing a comment: the author or a moderator; a deleted comment stays deleted.</summary>
public static class EditCommentDecision
{
    public static Decision<CommentEdited> Decide(Comment? comment, EditComment command, MarkdownRenderer renderer, IReadOnlyDictionary<string, MentionedMember>? members = null)
    {
        if (comment is null || comment.Deleted)
        {
            return Decision<CommentEdited>.Refused(Refusal.NotFound("No such comment."));
        }
        if (!comment.MayBeChangedBy(command.Editor))
        {
            return Decision<CommentEdited>.Refused(Refusal.Forbidden("Only the author or a moderator may edit this comment."));
        }
        var errors = new FieldErrors();
        var body = CommentBody.Check(command.Body, errors);
        if (errors.Any)
        {
            return Decision<CommentEdited>.Refused(errors, "The comment cannot be edited.");
        }
        if (body == comment.Body)
        {
            return Decision<CommentEdited>.Unchanged();
        }
        var rendered = renderer.Render(body, members);
        return Decision<CommentEdited>.Accepted(new CommentEdited(
            comment.Id, comment.PostId, body, rendered.Html, command.Editor.Id, command.Editor.PersonalName(), command.Now, [.. rendered.Mentioned.Select(m => m.Id)]));
    }
}
