using Forum.EventSourcing.PersonalData;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;

namespace Forum.Posts.Posts.Deleting;

/// <summary>Someone asks to delete a post.</summary>
public sealed record DeletePost(Guid PostId, Actor By, DateTimeOffset Now);

/// <summary>The rules for deleting a post: the author or a moderator; deleting twice changes nothing.</summary>
public static class DeletePostDecision
{
    public static Decision<PostDeleted> Decide(Post? post, DeletePost command)
    {
        if (post is null)
        {
            return Decision<PostDeleted>.Refused(Refusal.NotFound("No such post."));
        }
        if (!post.MayBeChangedBy(command.By))
        {
            return Decision<PostDeleted>.Refused(Refusal.Forbidden("Only the author or a moderator may delete this post."));
        }
        return post.Deleted
            ? Decision<PostDeleted>.Unchanged()
            : Decision<PostDeleted>.Accepted(new PostDeleted(post.Id, command.By.Id, command.By.PersonalName(), command.Now));
    }
}
