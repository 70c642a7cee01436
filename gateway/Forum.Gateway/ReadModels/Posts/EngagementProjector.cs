using Forum.Contracts.Engagement;
using Forum.ServiceDefaults.Telemetry;
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

/// <summary>Keeps the likes and views of <see cref="PostSummary"/> documents in step with the engagement service's events.</summary>
public sealed class EngagementProjector(IDocumentSession session) : IConsumer<LikesChanged>, IConsumer<ViewsCounted>
{
    public Task Consume(ConsumeContext<LikesChanged> context) => ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<ViewsCounted> context) => ApplyAsync(context.Message.PostId, context.Message, context.CancellationToken);

    private async Task ApplyAsync(Guid postId, object message, CancellationToken cancellationToken)
    {
        var existing = await session.LoadAsync<PostSummary>(postId, cancellationToken);
        var updated = PostEngagementRules.Apply(existing ?? new PostSummary { Id = postId }, message);
        var tag = new KeyValuePair<string, object?>("event", message.GetType().Name);
        if (updated == existing)
        {
            ForumTelemetry.DuplicatesIgnored.Add(1, tag);
            return;
        }
        // As with post events: a collision with another event of the same post is retried by the
        // bus against the fresh document. A count that arrives before its post waits in a summary
        // that is not shown until the post's publication fills it in.
        if (existing is null)
        {
            session.Insert(updated);
        }
        else
        {
            session.Store(updated);
        }
        await session.SaveChangesAsync(cancellationToken);
        ForumTelemetry.EventsProjected.Add(1, tag);
    }
}
