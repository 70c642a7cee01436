using Forum.Contracts.Posts;
using Marten;
using MassTransit;

namespace Forum.Engagement.KnowingPosts;

/// <summary>Learns that a post exists, so it can be liked and viewed. A redelivery changes nothing.</summary>
public sealed class PostPublishedConsumer(IDocumentSession session) : IConsumer<PostPublished>
{
    public async Task Consume(ConsumeContext<PostPublished> context)
    {
        var published = context.Message;
        var known = await session.LoadAsync<EngageablePost>(published.PostId, context.CancellationToken);
        if (known is not null && known.Version >= published.Version)
        {
            return;
        }
        session.Store(new EngageablePost(published.PostId, published.Author, Deleted: false, published.Version));
        await session.SaveChangesAsync(context.CancellationToken);
    }
}
