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
public static class EngagementProjection
{
    public static bool Handles(object message) => message is LikesChanged or ViewsCounted;

    public static async Task ProjectAsync(IDocumentStore store, IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        await ProjectionBatches.ApplyAsync(store, events.Select(e => (PostIdOf(e), e)).ToList(), id => new PostSummary { Id = id }, PostEngagementRules.Apply,
            post => post.Id, cancellationToken);
        // After the counts: a member's like shown as theirs means its count is shown too.
        var likes = events.OfType<LikesChanged>().Where(MemberLike.Names).Select(e => (MemberLike.IdOf(e.PostId, e.MemberId), (object)e)).ToList();
        await ProjectionBatches.ApplyAsync(store, likes, id => new MemberLike { Id = id }, MemberLike.Apply, like => like.Id, cancellationToken, counted: false);
    }

    private static Guid PostIdOf(object message) => message switch
    {
        LikesChanged e => e.PostId,
        ViewsCounted e => e.PostId,
        _ => throw new ArgumentException($"{message.GetType().Name} is not an engagement event.", nameof(message)),
    };
}

/// <summary>Delivers the engagement service's events to the read models.</summary>
public sealed class EngagementProjector(ReadModelWriter writer) : IConsumer<LikesChanged>, IConsumer<ViewsCounted>
{
    public Task Consume(ConsumeContext<LikesChanged> context) => writer.ApplyAsync(context);

    public Task Consume(ConsumeContext<ViewsCounted> context) => writer.ApplyAsync(context);
}
