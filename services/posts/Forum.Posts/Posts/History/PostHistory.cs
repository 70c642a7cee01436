using Forum.Contracts.Accounts;
using Forum.Posts.Posts.Editing;
using Forum.Posts.Posts.Publishing;
using Forum.Posts.Posts.Tagging;
using JasperFx.Events;

namespace Forum.Posts.Posts.History;

/// <summary>A post at one version of its stream.</summary>
public sealed record PostAtVersion(long Version, DateTimeOffset At, Post Post);

/// <summary>One revision of a post's title, body and tags.</summary>
public sealed record Revision(long Version, string Title, DateTimeOffset EditedAt, string Editor, IReadOnlyList<string> Tags);

/// <summary>Replays a post's stored events: every state it has been in, and its revisions.</summary>
public static class PostHistory
{
    /// <summary>The post after each event, oldest first.</summary>
    public static IReadOnlyList<PostAtVersion> Replay(IReadOnlyList<IEvent> events)
    {
        var states = new List<PostAtVersion>(events.Count);
        Post? post = null;
        foreach (var stored in events)
        {
            post = (post, stored.Data) switch
            {
                (null, PostPublished published) => Post.Create(published),
                (null, _) => null,
                (_, _) => Apply(post, stored.Data),
            };
            if (post is not null)
            {
                states.Add(new PostAtVersion(stored.Version, stored.Timestamp, post));
            }
        }
        return states;
    }

    /// <summary>Publishing is the first revision; each edit is another, and so is each change of its tags.</summary>
    public static IReadOnlyList<Revision> Revisions(IReadOnlyList<IEvent> events)
    {
        var states = Replay(events).ToDictionary(state => state.Version, state => state.Post);
        return events.Select(stored => (stored.Data, Post: states.GetValueOrDefault(stored.Version)) switch
            {
                (PostPublished p, { } post) => new Revision(stored.Version, p.Title, p.PublishedAt, p.Author.Or(MemberForgotten.FormerMemberName), post.Tags),
                (PostEdited e, { } post) => new Revision(stored.Version, e.Title, e.EditedAt, e.Editor.Or(MemberForgotten.FormerMemberName), post.Tags),
                (PostTagsChanged e, { } post) => new Revision(stored.Version, post.Title, e.ChangedAt, e.Editor.Or(MemberForgotten.FormerMemberName), post.Tags),
                _ => null,
            })
            .OfType<Revision>()
            .ToList();
    }

    private static Post Apply(Post post, object change) => change switch
    {
        PostEdited e => post.Apply(e),
        PostTagsChanged e => post.Apply(e),
        Deleting.PostDeleted e => post.Apply(e),
        Moderating.PostLocked e => post.Apply(e),
        Moderating.PostUnlocked e => post.Apply(e),
        Moderating.PostPinned e => post.Apply(e),
        Moderating.PostUnpinned e => post.Apply(e),
        Hiding.PostHidden e => post.Apply(e),
        Hiding.PostShown e => post.Apply(e),
        _ => post,
    };
}
