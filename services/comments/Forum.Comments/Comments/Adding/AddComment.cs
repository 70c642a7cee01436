using Forum.EventSourcing.PersonalData;
using Forum.Comments.KnowingPosts;
using Forum.Content;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;

namespace Forum.Comments.Comments.Adding;

/// <summary>Someone writes a comment on a post, or a reply to one of its comments.</summary>
public sealed record AddComment(Guid CommentId, Guid PostId, Guid? ParentId, string? Body, Actor Author, DateTimeOffset Now);

/// <summary>
/// The rules for commenting. Threads are one level deep: a reply to a reply joins the same
/// thread and quotes the comment it answers.
/// </summary>
public static class AddCommentDecision
{
    public const int QuoteCharacters = 120;

    /// <param name="post">What the service knows of the post, or null if it has never heard of it.</param>
    /// <param name="parent">The comment replied to, if the command names one and it exists.</param>
    public static Decision<CommentAdded> Decide(CommentablePost? post, Comment? parent, AddComment command, MarkdownRenderer renderer, IReadOnlyDictionary<string, MentionedMember>? members = null)
    {
        if (post is not { Published: true } || post.Deleted)
        {
            return Decision<CommentAdded>.Refused(Refusal.NotFound("No such post.", "The post does not exist or was deleted."));
        }
        if (post.Locked)
        {
            return Decision<CommentAdded>.Refused(Refusal.Conflict("The post is locked.", "A moderator locked this post; it takes no more comments."));
        }

        var errors = new FieldErrors();
        if (command.ParentId is not null && (parent is null || parent.PostId != command.PostId))
        {
            errors.Add("parentId", "A reply answers a comment of the same post.");
        }
        var body = CommentBody.Check(command.Body, errors);
        if (errors.Any)
        {
            return Decision<CommentAdded>.Refused(errors, "The comment cannot be added.");
        }
        if (parent is { Deleted: true })
        {
            return Decision<CommentAdded>.Refused(Refusal.Conflict("The comment was deleted.", "A deleted comment takes no replies."));
        }

        var rendered = renderer.Render(body, members);
        var (threadId, threadStartedAt) = parent is null ? (command.CommentId, command.Now) : (parent.ThreadId, parent.ThreadStartedAt);
        var quoted = parent is { IsReply: true } ? parent : null;
        return Decision<CommentAdded>.Accepted(new CommentAdded(
            command.CommentId, command.PostId, threadId, threadStartedAt,
            quoted?.Id, quoted?.Author, quoted is null ? null : TextRules.Truncate(renderer.Render(quoted.Body).Excerpt, QuoteCharacters),
            command.Author.Id, command.Author.PersonalName(), body, rendered.Html, command.Now, [.. rendered.Mentioned.Select(m => m.Id)]));
    }
}
