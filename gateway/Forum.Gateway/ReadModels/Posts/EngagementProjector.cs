using Forum.Contracts.Engagement;
using Marten;
using MassTransit;

namespace Forum.Gateway.ReadModels.Posts;

/// <summary>
/// How likes and views change a <see cref="PostSummary"/>, the sibling of
/// <see cref="PostSummaryRules"/>: each event carries the new count and the engagement stream
/// version, and a count is taken only from an event newer than the one that last set it.
/// Never a blind <c>+1</c>, so duplicates and late arrivals change nothing.
/// </summary>
public static class PostEngagementRules
{
    public static PostSummary Apply(PostSummary post, object message) => message switch
    {
        LikesChanged e when e.Version > post.LikesVersion => post with { Likes = e.Likes, LikesVersion = e.Version },
        ViewsCounted e when e.Version > post.ViewsVersion => post with { Views = e.Views, ViewsVersion = e.Version },
        _ => post,
    };
}

/// <summary>
/// Keeps the likes and views of <see cref="PostSummary"/> documents in step with the engagement
/// service's events. A count that arrives before its post waits in a summary that is not shown
/// until the post's publication fills it in.
/// </summary>
public sealed class EngagementProjector(IDocumentStore store) : IConsumer<LikesChanged>, IConsumer<ViewsCounted>
{
    public Task Consume(ConsumeContext<LikesChanged> context) => ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<ViewsCounted> context) => ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);

    private Task ApplyAsync(Guid postId, object message, CancellationToken cancellationToken) =>
        Conflicts.ApplyAsync(store, postId, () => new PostSummary { Id = postId }, post => PostEngagementRules.Apply(post, message), message.GetType().Name, cancellationToken);
}
