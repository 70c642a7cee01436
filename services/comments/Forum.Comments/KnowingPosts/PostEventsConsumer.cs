using Forum.Contracts.Posts;
using Marten;
using MassTransit;

namespace Forum.Comments.KnowingPosts;

/// <summary>Learns of posts from their events: published, deleted, locked or unlocked.</summary>
public sealed class PostEventsConsumer(IDocumentSession session) :
    IConsumer<PostPublished>, IConsumer<PostDeleted>, IConsumer<PostLockChanged>
{
    public Task Consume(ConsumeContext<PostPublished> context) => ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<PostDeleted> context) => ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<PostLockChanged> context) => ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);

    private async Task ApplyAsync(Guid postId, object message, CancellationToken cancellationToken)
    {
        var known = await session.LoadAsync<CommentablePost>(postId, cancellationToken);
        var updated = CommentablePost.Apply(known, postId, message);
        if (updated == known)
        {
            return;
        }
        if (known is null)
        {
            session.Insert(updated);
        }
        else
        {
            session.Store(updated);
        }
        await session.SaveChangesAsync(cancellationToken);
    }
}
