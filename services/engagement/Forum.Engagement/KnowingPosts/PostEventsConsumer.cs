using Forum.Contracts.Posts;
using Forum.EventSourcing;
using Marten;
using MassTransit;

namespace Forum.Engagement.KnowingPosts;

/// <summary>
/// Learns of posts from their events: published (it can be liked and viewed) and deleted (no
/// more). Unlike comments, engagement does not follow locks: a locked post is still liked and read.
/// </summary>
public sealed class PostEventsConsumer(IDocumentSession session) : IConsumer<PostPublished>, IConsumer<PostDeleted>
{
    public Task Consume(ConsumeContext<PostPublished> context) => ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<PostDeleted> context) => ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);

    private Task ApplyAsync(Guid postId, object message, CancellationToken cancellationToken) =>
        session.FoldAsync<EngageablePost>(postId, known => EngageablePost.Apply(known, postId, message), cancellationToken);
}
