using Forum.Contracts.Posts;
using Forum.EventSourcing;
using Marten;
using MassTransit;

namespace Forum.Comments.KnowingPosts;

/// <summary>
/// Learns of posts from their events: published, deleted, locked or unlocked. (Engagement keeps a
/// smaller view of its own: a lock does not stop likes or views.)
/// </summary>
public sealed class PostEventsConsumer(IDocumentSession session) :
    IConsumer<PostPublished>, IConsumer<PostDeleted>, IConsumer<PostLockChanged>
{
    public Task Consume(ConsumeContext<PostPublished> context) => ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<PostDeleted> context) => ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<PostLockChanged> context) => ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);

    private Task ApplyAsync(Guid postId, object message, CancellationToken cancellationToken) =>
        session.FoldAsync<CommentablePost>(postId, known => CommentablePost.Apply(known, postId, message), cancellationToken);
}
