using System.Security.Claims;
using Forum.ServiceDefaults.Security;
using Marten;

namespace Forum.Comments.Comments.Deleting;

public static class DeleteCommentEndpoint
{
    public static IEndpointRouteBuilder MapDeleteComment(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/api/comments/{id}", Handle).WithName("DeleteComment").RequireAuthorization(ForumPolicies.Member);
        return app;
    }

    internal static Task<IResult> Handle(
        string id, ClaimsPrincipal user, HttpRequest http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken) =>
        CommentStreams.ExecuteAsync(id, http, session, requireIfMatch: false,
            comment => DeleteCommentDecision.Decide(comment, new DeleteComment(Actor.From(user), clock.GetUtcNow())),
            (_, _) => TypedResults.NoContent(),
            cancellationToken);
}
