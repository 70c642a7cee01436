using Forum.Contracts.Posts;
using Marten;
using MassTransit;

namespace Forum.Engagement.KnowingPosts;

/// <summary>Learns of posts from their events: published (it can be liked and viewed) and deleted (no more).</summary>
public sealed class PostEventsConsumer(IDocumentSession session) : IConsumer<PostPublished>, IConsumer<PostDeleted>
{
    public Task Consume(ConsumeContext<PostPublished> context) => ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<PostDeleted> context) => ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);

    private async Task ApplyAsync(Guid postId, object message, CancellationToken cancellationToken)
    {
        var known = await session.LoadAsync<EngageablePost>(postId, cancellationToken);
        var updated = EngageablePost.Apply(known, postId, message);
        if (updated == known)
        {
            return;
        }
        // The other event of the same post consumed at the same moment collides here (insert, or a
        // stale version) and the bus retries this message against what that one left.
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
