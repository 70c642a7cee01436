using Forum.Contracts.Posts;
using Marten;
using MassTransit;

namespace Forum.Comments.KnowingPosts;

/// <summary>Learns that a post exists, so it can take comments. A redelivery changes nothing.</summary>
public sealed class PostPublishedConsumer(IDocumentSession session) : IConsumer<PostPublished>
{
    public async Task Consume(ConsumeContext<PostPublished> context)
    {
        var published = context.Message;
        var known = await session.LoadAsync<CommentablePost>(published.PostId, context.CancellationToken);
        if (known is not null && known.Version >= published.Version)
        {
            return;
        }
        session.Store(new CommentablePost(published.PostId, published.Board, Locked: false, Deleted: false, published.Version));
        await session.SaveChangesAsync(context.CancellationToken);
    }
}
