using System.Security.Claims;
using Forum.Content;
using Forum.EventSourcing.KnowingMembers;
using Forum.ServiceDefaults.Security;
using Marten;

namespace Forum.Posts.Posts.Editing;

/// <summary>The body of <c>PUT /api/posts/{id}</c>.</summary>
/// <param name="Tags">The tags the post should have; left out, they stay as they are.</param>
public sealed record EditPostRequest(string? Title, string? Body, IReadOnlyList<string?>? Tags = null);

public static class EditPostEndpoint
{
    public static IEndpointRouteBuilder MapEditPost(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/posts/{id}", Handle).WithName("EditPost").RequireAuthorization(ForumPolicies.Member);
        return app;
    }

    internal static async Task<IResult> Handle(
        string id, EditPostRequest request, ClaimsPrincipal user, HttpRequest http, IDocumentSession session,
        MarkdownRenderer renderer, TimeProvider clock, CancellationToken cancellationToken)
    {
        var members = await KnownMembers.NamedInAsync(session, request.Body, cancellationToken);
        return await PostStreams.ExecuteAsync(id, http, session, requireIfMatch: true,
            post => EditPostDecision.Decide(post, new EditPost(post?.Id ?? Guid.Empty, request.Title, request.Body, Actor.From(user), clock.GetUtcNow(), request.Tags), renderer, members),
            (postId, version) => TypedResults.Ok(new { id = postId, version }),
            cancellationToken);
    }
}
