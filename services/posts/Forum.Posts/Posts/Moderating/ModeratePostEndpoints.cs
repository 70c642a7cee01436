using System.Security.Claims;
using Forum.ServiceDefaults.Security;
using Marten;

namespace Forum.Posts.Posts.Moderating;

public static class ModeratePostEndpoints
{
    public static IEndpointRouteBuilder MapModeratePost(this IEndpointRouteBuilder app)
    {
        foreach (var action in Enum.GetValues<Moderation>())
        {
            app.MapPost($"/api/posts/{{id}}/{action.ToString().ToLowerInvariant()}",
                    (string id, ClaimsPrincipal user, HttpRequest http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
                        PostStreams.ExecuteAsync(id, http, session, requireIfMatch: false,
                            post => ModeratePostDecision.Decide(post, new ModeratePost(post?.Id ?? Guid.Empty, action, Actor.From(user), clock.GetUtcNow())),
                            (_, _) => TypedResults.NoContent(),
                            ct))
                .WithName($"{action}Post")
                .RequireAuthorization(ForumPolicies.Moderator);
        }
        return app;
    }
}
