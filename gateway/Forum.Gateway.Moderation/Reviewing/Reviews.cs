using Forum.Content;
using Forum.EventSourcing.PersonalData;
using Forum.Gateway.ReadModels.Posts;
using Forum.ServiceDefaults.Security;
using Forum.ServiceDefaults.Telemetry;
using Marten;

namespace Forum.Gateway.Moderation.Reviewing;

/// <summary>What to review: a post, or a comment under its post.</summary>
public sealed record ReviewTarget(Guid Id, string Kind, Guid PostId, PersonalText Author)
{
    public static ReviewTarget Of(PostSummary post) => new(post.Id, "post", post.Id, new PersonalText(post.AuthorId, post.Author));
}

/// <summary>
/// Content out of readers' sight and the moderators' decisions about it: posts and comments
/// hidden on members' reports, posts held for approval, and a moderator's own hide and show. The
/// owning service keeps the hidden state (so every gateway replica and a rebuild agree); the
/// gateway's history records who decided, for the moderation log.
/// </summary>
public sealed class Reviews(IDocumentStore store, ContentServices services, PostQueries posts, TimeProvider clock)
{
    /// <summary>Hides reported content as the gateway, because <paramref name="reporters"/> members reported it; null when done.</summary>
    public async Task<string?> HideOnReportsAsync(ReviewTarget target, int reporters, CancellationToken cancellationToken)
    {
        using var activity = ForumTelemetry.Source.StartActivity("hide reported content");
        var (client, path) = ContentServices.Of(target.Kind, target.Id);
        var problem = await services.AskAsync(null, client, $"{path}/hide?reason={HidingReasons.Reports}", HttpMethod.Post, cancellationToken);
        if (problem is null)
        {
            await RecordAsync(target.Id, new ContentHiddenOnReports(target.Id, target.Kind, target.PostId, target.Author, reporters, clock.GetUtcNow()), cancellationToken);
            ModerationMetrics.Hidden.Add(1, new KeyValuePair<string, object?>("kind", target.Kind), new KeyValuePair<string, object?>("reason", HidingReasons.Reports));
        }
        return problem;
    }

    /// <summary>A moderator's decision (<see cref="ReviewDecisions"/>), done by the owning service as the moderator; null when done.</summary>
    public async Task<string?> DecideAsync(ReviewTarget target, string decision, Actor moderator, CancellationToken cancellationToken)
    {
        using var activity = ForumTelemetry.Source.StartActivity("review content");
        activity?.SetTag("forum.moderation.decision", decision);
        var (client, path) = ContentServices.Of(target.Kind, target.Id);
        var problem = decision switch
        {
            ReviewDecisions.Hide => await services.AskAsync(moderator, client, $"{path}/hide?reason={HidingReasons.Moderator}", HttpMethod.Post, cancellationToken),
            ReviewDecisions.Show or ReviewDecisions.Approve => await services.AskAsync(moderator, client, $"{path}/unhide", HttpMethod.Post, cancellationToken),
            ReviewDecisions.Reject => await services.AskAsync(moderator, client, path, HttpMethod.Delete, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "Not a review decision."),
        };
        if (problem is null)
        {
            await RecordAsync(target.Id, new ContentReviewed(target.Id, target.Kind, target.PostId, target.Author, decision, moderator.Id, moderator.PersonalName(), clock.GetUtcNow()), cancellationToken);
            ModerationMetrics.Reviews.Add(1, new KeyValuePair<string, object?>("decision", decision), new KeyValuePair<string, object?>("kind", target.Kind));
        }
        return problem;
    }

    /// <summary>A post held for approval, as the read model has it; null when there is none such.</summary>
    public async Task<ReviewTarget?> HeldPostAsync(Guid postId, CancellationToken cancellationToken) =>
        await posts.FindHiddenAsync(postId, cancellationToken) is { HiddenReason: HidingReasons.Approval } post
            ? ReviewTarget.Of(post)
            : null;

    private async Task RecordAsync(Guid stream, object decided, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.Events.Append(stream, decided);
        await session.SaveChangesAsync(cancellationToken);
    }
}
