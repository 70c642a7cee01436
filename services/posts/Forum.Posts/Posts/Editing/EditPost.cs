using Forum.EventSourcing.PersonalData;
using Forum.Content;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;

namespace Forum.Posts.Posts.Editing;

/// <summary>Someone asks to change a post's title and body, and its tags when <paramref name="Tags"/> is given.</summary>
/// <param name="Tags">The tags the post should have (empty: none); null leaves them as they are.</param>
public sealed record EditPost(Guid PostId, string? Title, string? Body, Actor Editor, DateTimeOffset Now, IReadOnlyList<string?>? Tags = null);

/// <summary>The rules for editing a post.</summary>
public static class EditPostDecision
{
    /// <remarks>
    /// A locked post stays as it is, except for moderators. An edit that changes the tags carries
    /// them (<see cref="PostEdited.Tags"/>); one that leaves them as they were carries none, so an
    /// edit from before tags and one that did not touch them read alike.
    /// </remarks>
    public static Decision<PostEdited> Decide(Post? post, EditPost command, MarkdownRenderer renderer, IReadOnlyDictionary<string, MentionedMember>? members = null)
    {
        if (post is null || post.Deleted)
        {
            return Decision<PostEdited>.Refused(Refusal.NotFound("No such post."));
        }
        if (!post.MayBeChangedBy(command.Editor))
        {
            return Decision<PostEdited>.Refused(Refusal.Forbidden("Only the author or a moderator may edit this post."));
        }
        if (post.Locked && !command.Editor.IsModerator)
        {
            return Decision<PostEdited>.Refused(Refusal.Conflict("The post is locked.", "A locked post can only be edited by a moderator."));
        }

        var errors = new FieldErrors();
        var (title, body) = PostContent.Check(command.Title, command.Body, errors);
        var tags = PostContent.CheckTags(command.Tags, errors);
        if (errors.Any)
        {
            return Decision<PostEdited>.Refused(errors, "The post cannot be edited.");
        }
        var newTags = tags is not null && !tags.SequenceEqual(post.Tags, StringComparer.Ordinal) ? tags : null;
        if (title == post.Title && body == post.Body && newTags is null)
        {
            return Decision<PostEdited>.Unchanged();
        }

        var rendered = renderer.Render(body, members);
        if (command.Editor.IsNewMemberAt(command.Now))
        {
            PostContent.CheckNewMemberBody(rendered, errors);
            if (errors.Any)
            {
                return Decision<PostEdited>.Refused(errors, "The post cannot be edited.");
            }
        }
        return Decision<PostEdited>.Accepted(new PostEdited(
            post.Id, title, body, rendered.Html, rendered.Excerpt, rendered.HasImage, command.Editor.Id, command.Editor.PersonalName(), command.Now,
            [.. rendered.Mentioned.Select(m => m.Id)], newTags));
    }
}
