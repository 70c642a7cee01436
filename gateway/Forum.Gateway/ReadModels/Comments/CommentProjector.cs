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
public static class CommentProjection
{
    public static bool Handles(object message) => message is CommentAdded or CommentEdited or CommentDeleted;

    public static async Task ProjectAsync(IDocumentStore store, IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        var comments = events.Select(e => (Id: CommentIdOf(e), Event: e)).ToList();
        await Conflicts.ApplyAsync(store, comments, id => new CommentView { Id = id }, CommentViewRules.Apply, comment => comment.Id, cancellationToken);
        foreach (var postId in events.Select(PostIdOf).Distinct())
        {
            await Conflicts.RetryAsync(() => RecountAsync(store, postId, cancellationToken), cancellationToken);
        }
    }

    /// <summary>Load the post, then count (so the count sees every comment the loaded version knew of), then write.</summary>
    private static async Task RecountAsync(IDocumentStore store, Guid postId, CancellationToken cancellationToken)
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

    private static Guid CommentIdOf(object message) => message switch
    {
        CommentAdded e => e.CommentId,
        CommentEdited e => e.CommentId,
        CommentDeleted e => e.CommentId,
        _ => throw new ArgumentException($"{message.GetType().Name} is not a comment event.", nameof(message)),
    };

    private static Guid PostIdOf(object message) => message switch
    {
        CommentAdded e => e.PostId,
        CommentEdited e => e.PostId,
        CommentDeleted e => e.PostId,
        _ => throw new ArgumentException($"{message.GetType().Name} is not a comment event.", nameof(message)),
    };
}

/// <summary>Delivers the comments service's events to the read models.</summary>
public sealed class CommentProjector(ReadModelWriter writer) :
    IConsumer<CommentAdded>, IConsumer<CommentEdited>, IConsumer<CommentDeleted>
{
    public Task Consume(ConsumeContext<CommentAdded> context) => writer.ApplyAsync(context);

    public Task Consume(ConsumeContext<CommentEdited> context) => writer.ApplyAsync(context);

    public Task Consume(ConsumeContext<CommentDeleted> context) => writer.ApplyAsync(context);
}
