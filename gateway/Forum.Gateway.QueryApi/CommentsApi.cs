using Forum.Gateway.ReadModels.Comments;

namespace Forum.Gateway.QueryApi;

/// <summary><c>GET /api/posts/{id}/comments?page=</c>: a post's comments, oldest thread first, each thread's replies after it.</summary>
public static class CommentsApi
{
    public static IEndpointRouteBuilder MapCommentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/posts/{id}/comments", GetComments).WithName("PostComments");
        return app;
    }

    internal static async Task<IResult> GetComments(string id, CommentQueries comments, CancellationToken cancellationToken, string? page = null)
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

        return TypedResults.Ok(await comments.PageAsync(postId, pageNumber, cancellationToken));
    }
}
