using System.Security.Claims;
using Forum.ServiceDefaults.Security;
using Marten;

namespace Forum.Posts.Posts.Hiding;

public static class HidePostEndpoints
{
    /// <summary><c>POST /api/posts/{id}/hide?reason=</c> and <c>/unhide</c>: moderators, and the gateway on members' reports.</summary>
    public static IEndpointRouteBuilder MapHidePost(this IEndpointRouteBuilder app)
    {
        foreach (var hide in new[] { true, false })
        {
            app.MapPost(hide ? "/api/posts/{id}/hide" : "/api/posts/{id}/unhide",
                    (string id, string? reason, ClaimsPrincipal user, HttpRequest http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
                        PostStreams.ExecuteAsync(id, http, session, requireIfMatch: false,
                            post => HidePostDecision.Decide(post, new HidePost(post?.Id ?? Guid.Empty, hide, reason, Actor.From(user), user.IsReviewer(), clock.GetUtcNow())),
                            (_, _) => TypedResults.NoContent(),
                            ct))
                .WithName(hide ? "HidePost" : "UnhidePost")
                .RequireAuthorization(ForumPolicies.Reviewer);
        }
        return app;
    }
}
