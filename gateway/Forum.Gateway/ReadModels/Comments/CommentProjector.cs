using Forum.Contracts.Comments;
using Forum.Gateway.ReadModels.Posts;
using Marten;
using MassTransit;

namespace Forum.Gateway.ReadModels.Comments;

/// <summary>
/// Keeps <see cref="CommentView"/> documents in step with the comments service's events, and
/// each post's comment count exact: the count is recounted from the comments, never added to,
/// and written with optimistic concurrency, so whatever runs at once, the last write is a count
/// made after every comment it should include was committed.
/// </summary>
public sealed class CommentProjector(IDocumentStore store) :
    IConsumer<CommentAdded>, IConsumer<CommentEdited>, IConsumer<CommentDeleted>
{
    public Task Consume(ConsumeContext<CommentAdded> context) => ApplyAsync(context.Message.CommentId, context.Message.PostId, context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<CommentEdited> context) => ApplyAsync(context.Message.CommentId, context.Message.PostId, context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<CommentDeleted> context) => ApplyAsync(context.Message.CommentId, context.Message.PostId, context.Message, context.CancellationToken);

    internal async Task ApplyAsync(Guid commentId, Guid postId, object message, CancellationToken cancellationToken)
    {
        await Conflicts.ApplyAsync(store, commentId, () => new CommentView { Id = commentId }, comment => CommentViewRules.Apply(comment, message),
            message.GetType().Name, cancellationToken);
        await Conflicts.RetryAsync(() => RecountAsync(postId, cancellationToken), cancellationToken);
    }

    /// <summary>Load the post, then count (so the count sees every comment the loaded version knew of), then write.</summary>
    private async Task RecountAsync(Guid postId, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var post = await session.LoadAsync<PostSummary>(postId, cancellationToken);
        var count = await session.Query<CommentView>().CountAsync(c => c.PostId == postId && !c.Deleted, cancellationToken);
        if (post is not null && post.Comments == count)
        {
            return;
        }
        if (post is null)
        {
            // The post's own event has not arrived yet; it will keep this count.
            session.Insert(new PostSummary { Id = postId, Comments = count });
        }
        else
        {
            session.Store(post with { Comments = count });
        }
        await session.SaveChangesAsync(cancellationToken);
    }
}
