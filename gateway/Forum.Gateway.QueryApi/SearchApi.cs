using Forum.Gateway.ReadModels.Posts;
using Forum.Gateway.ReadModels.Search;
using Forum.Gateway.ReadModels.Tags;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Gateway.QueryApi;

/// <summary>
/// <c>GET /api/search?q=&amp;board=&amp;tag=&amp;page=&amp;pageSize=</c>: posts whose title or body holds the
/// words of <c>q</c>, unaccented (<c>tin tuc</c> finds <c>Tin tức</c>), in the shape of a board listing;
/// <c>tag</c> keeps only the posts with that tag (then <c>q</c> may be left out).
/// </summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", Search).WithName("Search");
        return app;
    }

    internal static async Task<Results<Ok<BoardListing>, ValidationProblem>> Search(
        SearchQueries search, CancellationToken cancellationToken,
        string? q = null, string? board = null, string? page = null, string? pageSize = null, string? tag = null)
    {
        var errors = new Dictionary<string, string[]>();
        var query = q?.Trim() ?? "";
        string? tagKey = null;
        if (!string.IsNullOrWhiteSpace(tag) && (tagKey = TagQueries.KeyOf(tag)) is null)
        {
            errors["tag"] = ["A tag is letters, digits and marks with single spaces or hyphens between them, at most 40 characters."];
        }
        if (query.Length > SearchQueries.MaxQueryLength || (query.Length == 0 && tagKey is null))
        {
            errors["q"] = [$"Search for 1 to {SearchQueries.MaxQueryLength} characters, or give a tag."];
        }
        var pageNumber = QueryParameters.ParseInt(page, 1, "page", 1, 1_000_000, errors);
        var size = QueryParameters.ParseInt(pageSize, PostQueries.DefaultPageSize, "pageSize", 1, PostQueries.MaxPageSize, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(await search.SearchAsync(query, board, pageNumber, size, cancellationToken, tagKey));
    }
}
