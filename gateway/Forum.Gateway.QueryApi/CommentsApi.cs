using System.Security.Claims;
using Forum.Gateway.ReadModels.Comments;
using Forum.Gateway.Reading;
using Forum.ServiceDefaults.Security;

namespace Forum.Gateway.QueryApi;

/// <summary><c>GET /api/posts/{id}/comments?page=</c>: a post's comments, oldest thread first, each thread's replies after it; a member's reading position moves past them.</summary>
public static class CommentsApi
{
    public static IEndpointRouteBuilder MapCommentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/posts/{id}/comments", GetComments).WithName("PostComments");
        return app;
    }

    internal static async Task<IResult> GetComments(
        string id, CommentQueries comments, ReadPositions reading, ClaimsPrincipal user, CancellationToken cancellationToken, string? page = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Guid.TryParse(id, out var postId))
        {
            errors["id"] = ["A post id is a GUID."];
        }
        var pageNumber = QueryParameters.ParseInt(page, 1, "page", 1, 1_000_000, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var shown = await comments.PageAsync(postId, pageNumber, cancellationToken);
        if (user.Identity?.IsAuthenticated == true && shown.Comments.Count > 0)
        {
            // A member has read the comments they were given: their position moves to the last of them.
            reading.Move(user.UserIdOf(), postId, shown.Comments.Max(c => c.CreatedAt));
        }
        return TypedResults.Ok(shown);
    }
}
