using Forum.Contracts.Posts;
using Forum.Gateway.ReadModels.Search;
using Marten;
using MassTransit;

namespace Forum.Gateway.ReadModels.Posts;

/// <summary>
/// How each post event changes a <see cref="PostSummary"/>: a pure function, so that applying
/// an event twice, or an older one after a newer one, can be shown to change nothing.
/// </summary>
public static class PostSummaryRules
{
    public static PostSummary Apply(PostSummary post, object message)
    {
        var applied = message switch
        {
            PostPublished e => Published(post, e),
            PostEdited e => Edited(post, e),
            PostTagsChanged e when e.Version > post.TagsVersion =>
                post with { Tags = e.Tags, TagsVersion = e.Version, EditedAt = Later(post.EditedAt, e.ChangedAt) },
            PostDeleted => post with { Deleted = true },
            PostLockChanged e when e.Version > post.LockVersion => post with { Locked = e.Locked, LockVersion = e.Version },
            PostPinChanged e when e.Version > post.PinVersion => post with { Pinned = e.Pinned, PinVersion = e.Version },
            PostVisibilityChanged e when e.Version > post.VisibilityVersion =>
                post with { Hidden = e.Hidden, HiddenReason = e.Hidden ? e.Reason : null, VisibilityVersion = e.Version },
            _ => post,
        };
        return applied with { Version = Math.Max(post.Version, VersionOf(message)) };
    }

    /// <summary>The content if no later edit got here first; the tags, when the edit set them, if no later tag change did.</summary>
    private static PostSummary Edited(PostSummary post, PostEdited e)
    {
        var edited = post;
        if (e.Version > post.ContentVersion)
        {
            edited = edited with { Title = e.Title, Excerpt = e.Excerpt, BodyHtml = e.BodyHtml, HasImage = e.HasImage, EditedAt = Later(post.EditedAt, e.EditedAt), ContentVersion = e.Version };
        }
        if (e.Tags is { } tags && e.Version > post.TagsVersion)
        {
            edited = edited with { Tags = tags, TagsVersion = e.Version };
        }
        return edited;
    }

    /// <summary>Edits and tag changes both move the edit time, each arriving in any order: the later time stands.</summary>
    private static DateTimeOffset Later(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } time && time > candidate ? time : candidate;

    /// <summary>
    /// Who, where and when never change; the content only if no edit got here first; held for
    /// approval only if no later review got here first.
    /// </summary>
    private static PostSummary Published(PostSummary post, PostPublished e)
    {
        var published = post with { Board = e.Board, Author = e.Author, AuthorId = e.AuthorId, PublishedAt = e.PublishedAt };
        if (e.Version > post.ContentVersion)
        {
            published = published with { Title = e.Title, Excerpt = e.Excerpt, BodyHtml = e.BodyHtml, HasImage = e.HasImage, ContentVersion = e.Version };
        }
        if (e.Version > post.TagsVersion)
        {
            published = published with { Tags = e.Tags ?? [], TagsVersion = e.Version };
        }
        if (e.HiddenFor is { } reason && e.Version > post.VisibilityVersion)
        {
            published = published with { Hidden = true, HiddenReason = reason, VisibilityVersion = e.Version };
        }
        return published;
    }

    public static long VersionOf(object message) => message switch
    {
        PostPublished e => e.Version,
        PostEdited e => e.Version,
        PostDeleted e => e.Version,
        PostLockChanged e => e.Version,
        PostPinChanged e => e.Version,
        PostVisibilityChanged e => e.Version,
        PostTagsChanged e => e.Version,
        _ => 0,
    };
}

/// <summary>Keeps <see cref="PostSummary"/> documents in step with the posts service's events.</summary>
public static class PostProjection
{
    public static bool Handles(object message) => PostIdOf(message) is not null;

    /// <remarks>The search row is written in the same transaction, from the post as it now is.</remarks>
    public static Task ProjectAsync(IDocumentStore store, IReadOnlyList<object> events, CancellationToken cancellationToken) =>
        ProjectionBatches.ApplyAsync(store, events.Select(e => (PostIdOf(e)!.Value, e)).ToList(), id => new PostSummary { Id = id }, PostSummaryRules.Apply,
            post => post.Id, cancellationToken, alsoWrite: SearchIndex.QueueUpsert);

    private static Guid? PostIdOf(object message) => message switch
    {
        PostPublished e => e.PostId,
        PostEdited e => e.PostId,
        PostDeleted e => e.PostId,
        PostLockChanged e => e.PostId,
        PostPinChanged e => e.PostId,
        PostVisibilityChanged e => e.PostId,
        PostTagsChanged e => e.PostId,
        _ => null,
    };
}

/// <summary>Delivers the posts service's post events to the read models.</summary>
public sealed class PostProjector(ReadModelWriter writer) :
    IConsumer<PostPublished>, IConsumer<PostEdited>, IConsumer<PostDeleted>, IConsumer<PostLockChanged>, IConsumer<PostPinChanged>, IConsumer<PostVisibilityChanged>,
    IConsumer<PostTagsChanged>
{
    public Task Consume(ConsumeContext<PostTagsChanged> context) => writer.ApplyAsync(context);

    public Task Consume(ConsumeContext<PostVisibilityChanged> context) => writer.ApplyAsync(context);

    public Task Consume(ConsumeContext<PostPublished> context) => writer.ApplyAsync(context);

    public Task Consume(ConsumeContext<PostEdited> context) => writer.ApplyAsync(context);

    public Task Consume(ConsumeContext<PostDeleted> context) => writer.ApplyAsync(context);

    public Task Consume(ConsumeContext<PostLockChanged> context) => writer.ApplyAsync(context);

    public Task Consume(ConsumeContext<PostPinChanged> context) => writer.ApplyAsync(context);
}
