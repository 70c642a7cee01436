using Forum.Gateway.Edge;
using Forum.Gateway.ReadModels.Posts;
using Forum.Gateway.ReadModels.Tags;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Gateway.QueryApi;

/// <summary>
/// <c>GET /api/tags/{tag}/posts?page=&amp;pageSize=</c>: the posts with a tag, newest first, in the
/// shape of a board listing. The tag is read as posts store it, so <c>Tin%20T%E1%BB%A8C</c> finds
/// <c>tin tức</c>. Renaming, merging and deleting tags are the posts service's (proxied).
/// </summary>
public static class TagsApi
{
    public static IEndpointRouteBuilder MapTagsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tags/{tag}/posts", GetTagListing).WithName("TagListing").CacheOutput(ReadersOutputCache.Policy);
        return app;
    }

    internal static async Task<Results<Ok<TagListing>, ValidationProblem>> GetTagListing(
        string tag, TagQueries tags, CancellationToken cancellationToken, string? page = null, string? pageSize = null)
    {
        var errors = new Dictionary<string, string[]>();
        var key = TagQueries.KeyOf(tag);
        if (key is null)
        {
            errors["tag"] = ["A tag is letters, digits and marks with single spaces or hyphens between them, at most 40 characters."];
        }
        var pageNumber = QueryParameters.ParseInt(page, 1, "page", 1, 1_000_000, errors);
        var size = QueryParameters.ParseInt(pageSize, PostQueries.DefaultPageSize, "pageSize", 1, PostQueries.MaxPageSize, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(await tags.CachedListAsync(key!, pageNumber, size, cancellationToken));
    }
}
