using System.Security.Claims;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;
using Marten;

namespace Forum.Comments.Comments.Reading;

/// <summary>A comment's Markdown as its author wrote it, with the version an edit must name in <c>If-Match</c>.</summary>
public sealed record CommentSource(Guid Id, Guid PostId, string Body, DateTimeOffset? EditedAt, long Version);

/// <summary>
/// <c>GET /api/comments/{id}/source</c>: what an edit form starts from. Only those who may change
/// the comment (its author, moderators) read it; a deleted comment has none.
/// </summary>
public static class CommentSourceEndpoint
{
    public static IEndpointRouteBuilder MapCommentSource(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/comments/{id}/source", Handle).WithName("CommentSource").RequireAuthorization(ForumPolicies.Member);
        return app;
    }

    internal static async Task<IResult> Handle(string id, ClaimsPrincipal user, IQuerySession session, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var commentId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["A comment id is a GUID."] });
        }
        var state = await session.Events.FetchStreamStateAsync(commentId, cancellationToken);
        var comment = state is null ? null : await session.Events.AggregateStreamAsync<Comment>(commentId, version: state.Version, token: cancellationToken);
        if (comment is null or { Deleted: true } || !comment.MayBeChangedBy(Actor.From(user)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such comment of yours.");
        }
        response.Headers.ETag = EntityTags.ForVersion(state!.Version);
        return TypedResults.Ok(new CommentSource(comment.Id, comment.PostId, comment.Body, comment.EditedAt, state.Version));
    }
}
