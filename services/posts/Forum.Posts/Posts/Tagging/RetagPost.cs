using Forum.EventSourcing;
using Forum.EventSourcing.PersonalData;
using Forum.ServiceDefaults.Security;

namespace Forum.Posts.Posts.Tagging;

/// <summary>What a moderator does to a tag across the forum.</summary>
public enum TagModeration
{
    Rename,
    Merge,
    Delete,
}

/// <summary>
/// A moderator's change of one tag on one post: <paramref name="From"/> becomes <paramref name="To"/>
/// (a rename or a merge), or goes (<paramref name="To"/> null, a delete).
/// </summary>
public sealed record RetagPost(Guid PostId, string From, string? To, Actor By, DateTimeOffset Now);

/// <summary>The rules for retagging one post: moderators only; a post without the tag, or gone, is left as it is.</summary>
public static class RetagPostDecision
{
    public static Decision<PostTagsChanged> Decide(Post? post, RetagPost command)
    {
        if (!command.By.IsModerator)
        {
            return Decision<PostTagsChanged>.Refused(Refusal.Forbidden("Only moderators rename, merge and delete tags."));
        }
        if (post is null || post.Deleted || !post.Tags.Contains(command.From, StringComparer.Ordinal))
        {
            return Decision<PostTagsChanged>.Unchanged();
        }
        // The new tag takes the old one's place; a post that had both keeps it once (a merge).
        var tags = post.Tags
            .Select(tag => tag == command.From ? command.To : tag)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return Decision<PostTagsChanged>.Accepted(new PostTagsChanged(post.Id, tags, command.By.Id, command.By.PersonalName(), command.Now));
    }
}
