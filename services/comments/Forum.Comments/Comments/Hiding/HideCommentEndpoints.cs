using System.Security.Claims;
using Forum.ServiceDefaults.Security;
using Marten;

namespace Forum.Comments.Comments.Hiding;

public static class HideCommentEndpoints
{
    /// <summary><c>POST /api/comments/{id}/hide?reason=</c> and <c>/unhide</c>: moderators, and the gateway on members' reports.</summary>
    public static IEndpointRouteBuilder MapHideComment(this IEndpointRouteBuilder app)
    {
        foreach (var hide in new[] { true, false })
        {
            app.MapPost(hide ? "/api/comments/{id}/hide" : "/api/comments/{id}/unhide",
                    (string id, string? reason, ClaimsPrincipal user, HttpRequest http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
                        CommentStreams.ExecuteAsync(id, http, session, requireIfMatch: false,
                            comment => HideCommentDecision.Decide(comment, new HideComment(hide, reason, Actor.From(user), user.IsReviewer(), clock.GetUtcNow())),
                            (_, _) => TypedResults.NoContent(),
                            ct))
                .WithName(hide ? "HideComment" : "UnhideComment")
                .RequireAuthorization(ForumPolicies.Reviewer);
        }
        return app;
    }
}
