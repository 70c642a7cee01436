using System.Security.Claims;
using Forum.Content;
using Forum.EventSourcing.KnowingMembers;
using Forum.ServiceDefaults.Security;
using Marten;

namespace Forum.Comments.Comments.Editing;

/// <summary>The body of <c>PUT /api/comments/{id}</c>.</summary>
public sealed record EditCommentRequest(string? Body);

public static class EditCommentEndpoint
{
    public static IEndpointRouteBuilder MapEditComment(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/comments/{id}", Handle).WithName("EditComment").RequireAuthorization(ForumPolicies.Member);
        return app;
    }

    internal static async Task<IResult> Handle(
        string id, EditCommentRequest request, ClaimsPrincipal user, HttpRequest http, IDocumentSession session,
        MarkdownRenderer renderer, TimeProvider clock, CancellationToken cancellationToken)
    {
        var members = await KnownMembers.NamedInAsync(session, request.Body, cancellationToken);
        return await CommentStreams.ExecuteAsync(id, http, session, requireIfMatch: true,
            comment => EditCommentDecision.Decide(comment, new EditComment(request.Body, Actor.From(user), clock.GetUtcNow()), renderer, members),
            (commentId, version) => TypedResults.Ok(new { id = commentId, version }),
            cancellationToken);
    }
}
