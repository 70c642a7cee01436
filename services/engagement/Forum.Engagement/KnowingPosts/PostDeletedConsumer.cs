using Forum.Contracts.Posts;
using Marten;
using MassTransit;

namespace Forum.Engagement.KnowingPosts;

/// <summary>
/// Learns that a post was deleted: it takes no more likes or views. Deletion is final, so it may
/// arrive before the post's publication and still holds; a redelivery changes nothing.
/// </summary>
public sealed class PostDeletedConsumer(IDocumentSession session) : IConsumer<PostDeleted>
{
    public async Task Consume(ConsumeContext<PostDeleted> context)
    {
        var deleted = context.Message;
        var known = await session.LoadAsync<EngageablePost>(deleted.PostId, context.CancellationToken);
        if (known is { Deleted: true })
        {
            return;
        }
        if (known is null)
        {
            session.Insert(new EngageablePost(deleted.PostId, "", Deleted: true, deleted.Version));
        }
        else
        {
            session.Store(known with { Deleted = true, Version = Math.Max(known.Version, deleted.Version) });
        }
        await session.SaveChangesAsync(context.CancellationToken);
    }
}
