using Forum.Contracts.Posts;
using Forum.EventSourcing;
using Forum.Notifications.Notifying;
using Marten;
using MassTransit;

namespace Forum.Notifications.KnowingPosts;

/// <summary>Learns of posts from their events; a deleted post withdraws every notification about it.</summary>
public sealed class PostEventsConsumer(IDocumentSession session) :
    IConsumer<PostPublished>, IConsumer<PostEdited>, IConsumer<PostDeleted>
{
    public Task Consume(ConsumeContext<PostPublished> context) => ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<PostEdited> context) => ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);

    public async Task Consume(ConsumeContext<PostDeleted> context)
    {
        session.DeleteWhere<Notification>(n => n.PostId == context.Message.PostId);
        await ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);
        await session.SaveChangesAsync(context.CancellationToken);
    }

    private Task ApplyAsync(Guid postId, object message, CancellationToken cancellationToken) =>
        session.FoldAsync<KnownPost>(postId, known => KnownPost.Apply(known, postId, message), cancellationToken);
}
