using System.Security.Claims;
using Forum.ServiceDefaults.Security;
using Marten;

namespace Forum.Posts.Posts.Deleting;

public static class DeletePostEndpoint
{
    public static IEndpointRouteBuilder MapDeletePost(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/api/posts/{id}", Handle).WithName("DeletePost").RequireAuthorization(ForumPolicies.Member);
        return app;
    }

    internal static Task<IResult> Handle(
        string id, ClaimsPrincipal user, HttpRequest http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken) =>
        PostStreams.ExecuteAsync(id, http, session, requireIfMatch: false,
            post => DeletePostDecision.Decide(post, new DeletePost(post?.Id ?? Guid.Empty, Actor.From(user), clock.GetUtcNow())),
            (_, _) => TypedResults.NoContent(),
            cancellationToken);
}
