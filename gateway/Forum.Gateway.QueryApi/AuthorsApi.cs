using Forum.Gateway.ReadModels.Authors;

namespace Forum.Gateway.QueryApi;

/// <summary><c>GET /api/users/{name}</c>: an author's latest posts and comments.</summary>
public static class AuthorsApi
{
    public static IEndpointRouteBuilder MapAuthorsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/users/{name}", GetAuthor).WithName("Author");
        return app;
    }

    internal static async Task<IResult> GetAuthor(string name, AuthorQueries authors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > AuthorQueries.MaxNameLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [$"A user name is 1 to {AuthorQueries.MaxNameLength} characters."] });
        }
        return TypedResults.Ok(await authors.LatestAsync(name, cancellationToken));
    }
}
