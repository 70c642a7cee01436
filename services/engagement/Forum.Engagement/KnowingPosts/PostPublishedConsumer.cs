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
        var post = new EngageablePost(published.PostId, published.Author, Deleted: false, published.Version, published.AuthorId);
        // A deletion consumed at the same moment collides here (insert, or a stale version) and
        // the bus retries this message against what the deletion left.
        if (known is null)
        {
            session.Insert(post);
        }
        else
        {
            session.Store(post);
        }
        await session.SaveChangesAsync(context.CancellationToken);
    }
}
