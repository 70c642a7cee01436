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
            // Who, where and when never change; the content only if no edit got here first.
            PostPublished e => (e.Version > post.ContentVersion
                    ? post with { Title = e.Title, Excerpt = e.Excerpt, BodyHtml = e.BodyHtml, HasImage = e.HasImage, ContentVersion = e.Version }
                    : post) with { Board = e.Board, Author = e.Author, PublishedAt = e.PublishedAt },
            PostEdited e when e.Version > post.ContentVersion =>
                post with { Title = e.Title, Excerpt = e.Excerpt, BodyHtml = e.BodyHtml, HasImage = e.HasImage, EditedAt = e.EditedAt, ContentVersion = e.Version },
            PostDeleted => post with { Deleted = true },
            PostLockChanged e when e.Version > post.LockVersion => post with { Locked = e.Locked, LockVersion = e.Version },
            PostPinChanged e when e.Version > post.PinVersion => post with { Pinned = e.Pinned, PinVersion = e.Version },
            _ => post,
        };
        return applied with { Version = Math.Max(post.Version, VersionOf(message)) };
    }

    public static long VersionOf(object message) => message switch
    {
        PostPublished e => e.Version,
        PostEdited e => e.Version,
        PostDeleted e => e.Version,
        PostLockChanged e => e.Version,
        PostPinChanged e => e.Version,
        _ => 0,
    };
}

/// <summary>Keeps <see cref="PostSummary"/> documents in step with the posts service's events.</summary>
public sealed class PostProjector(IDocumentStore store) :
    IConsumer<PostPublished>, IConsumer<PostEdited>, IConsumer<PostDeleted>, IConsumer<PostLockChanged>, IConsumer<PostPinChanged>
{
    public Task Consume(ConsumeContext<PostPublished> context) => ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<PostEdited> context) => ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<PostDeleted> context) => ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<PostLockChanged> context) => ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<PostPinChanged> context) => ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);

    /// <remarks>The search row is written in the same transaction, from the post as it now is.</remarks>
    private Task ApplyAsync(Guid postId, object message, CancellationToken cancellationToken) =>
        Conflicts.ApplyAsync(store, postId, () => new PostSummary { Id = postId }, post => PostSummaryRules.Apply(post, message), message.GetType().Name, cancellationToken,
            alsoWrite: SearchIndex.QueueUpsert);
}
