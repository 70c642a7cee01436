using System.Text.Json;
using Forum.Gateway.Edge;
using Forum.Gateway.PageViews;
using Forum.Gateway.ReadModels.Posts;
using Forum.Gateway.Reading;
using Forum.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Forum.Gateway.QueryApi;

/// <summary>A board's listing and a post's page, from the read model; reading a post counts a view.</summary>
public static class PostsApi
{
    public static IEndpointRouteBuilder MapPostsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/boards/{slug}/posts", GetBoardListing).WithName("BoardListing").CacheOutput(ReadersOutputCache.Policy);
        app.MapGet("/api/posts/{id}", GetPost).WithName("Post");
        return app;
    }

    internal static async Task<Results<Ok<BoardListing>, ValidationProblem>> GetBoardListing(
        string slug, PostQueries posts, CancellationToken cancellationToken,
        string? page = null, string? pageSize = null, string? sort = null)
    {
        var errors = new Dictionary<string, string[]>();
        var pageNumber = QueryParameters.ParseInt(page, 1, "page", 1, 1_000_000, errors);
        var size = QueryParameters.ParseInt(pageSize, PostQueries.DefaultPageSize, "pageSize", 1, PostQueries.MaxPageSize, errors);
        var order = (sort ?? PostQueries.Orders[0]).ToLowerInvariant();
        if (!PostQueries.Orders.Contains(order))
        {
            errors["sort"] = ["Sort by latest, views, likes or comments."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await posts.CachedListAsync(slug, pageNumber, size, order, cancellationToken));
    }

    internal static async Task<Results<JsonBytesResult, ProblemHttpResult, ValidationProblem>> GetPost(
        string id, PostQueries posts, ViewCounter views, ReadPositions reading, HttpContext http, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var postId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["A post id is a GUID."] });
        }
        // Serialized once per load, not once per reader: a hot post is read thousands of times a second.
        var served = await posts.FindHotAsync(postId, post => JsonSerializer.SerializeToUtf8Bytes(PostView.From(post), json.Value.SerializerOptions), cancellationToken);
        if (served is not { } found)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such post.",
                detail: $"There is no post {postId}. A post published a moment ago may take a few milliseconds to appear.");
        }
        views.Count(postId, http);
        if (http.User.Identity?.IsAuthenticated == true)
        {
            // A member who opened the post has read it; its comments, as they read them (CommentsApi).
            reading.Move(http.User.UserIdOf(), postId, found.Post.PublishedAt);
        }
        return new JsonBytesResult(found.Shaped);
    }
}
