using System.Security.Claims;
using Forum.Engagement.KnowingPosts;
using Forum.Engagement.Streams;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;
using Marten;

namespace Forum.Engagement.Liking;

/// <summary>
/// <c>PUT</c> and <c>DELETE /api/posts/{id}/like</c>: members, 204 whether or not anything changed;
/// a change is answered with the post's engagement stream version in <c>ETag</c>, which the read
/// model's likes reach when they show it.
/// </summary>
public static class LikeEndpoints
{
    public static IEndpointRouteBuilder MapLikes(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/posts/{id}/like",
                (string id, ClaimsPrincipal user, IDocumentStore store, StreamWriters writers, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                    ExecuteAsync(id, store, writers, response, "like",
                        (post, engagement, postId) => LikeDecisions.Decide(post, engagement, new LikePost(postId, Actor.From(user), clock.GetUtcNow())), ct))
            .WithName("LikePost")
            .RequireAuthorization(ForumPolicies.Member);
        app.MapDelete("/api/posts/{id}/like",
                (string id, ClaimsPrincipal user, IDocumentStore store, StreamWriters writers, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                    ExecuteAsync(id, store, writers, response, "unlike",
                        (post, engagement, postId) => LikeDecisions.Decide(post, engagement, new UnlikePost(postId, Actor.From(user), clock.GetUtcNow())), ct))
            .WithName("UnlikePost")
            .RequireAuthorization(ForumPolicies.Member);
        return app;
    }

    /// <summary>Load the post and its engagement, decide, append; a lost race is decided again on fresh state.</summary>
    internal static async Task<IResult> ExecuteAsync<TEvent>(
        string id, IDocumentStore store, StreamWriters writers, HttpResponse response, string operation,
        Func<EngageablePost?, PostEngagement?, Guid, Decision<TEvent>> decide, CancellationToken cancellationToken)
        where TEvent : class
    {
        if (!Guid.TryParse(id, out var postId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["A post id is a GUID."] });
        }

        using var turn = await writers.TurnAsync(postId, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var post = await session.LoadAsync<EngageablePost>(postId, cancellationToken);
            var stream = await session.Events.FetchForWriting<PostEngagement>(postId, cancellationToken);
            var decision = decide(post, stream.Aggregate, postId);
            if (decision.Refusal is { } refusal)
            {
                return refusal.ToResult();
            }
            if (decision.Event is not { } change)
            {
                return TypedResults.NoContent();
            }

            var version = (stream.CurrentVersion ?? 0) + 1;
            stream.AppendOne(change);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
                EngagementMetrics.LikesChanged.Add(1, new KeyValuePair<string, object?>("change", operation));
                response.Headers.ETag = EntityTags.ForVersion(version);
                return TypedResults.NoContent();
            }
            catch (Exception e) when (StreamWriters.IsConflict(e))
            {
                EngagementMetrics.WriteConflicts.Add(1, new KeyValuePair<string, object?>("operation", operation));
                if (attempt == StreamWriters.MaxAttempts)
                {
                    return Busy();
                }
            }
            await StreamWriters.BackOffAsync(attempt, cancellationToken);
        }
    }

    /// <summary>Lost the race every time: not the client's fault, and a retry will do.</summary>
    internal static IResult Busy() => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "The post is busy.",
        detail: "Many changes reached this post at the same moment; send the request again.",
        extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = 1 });
}
