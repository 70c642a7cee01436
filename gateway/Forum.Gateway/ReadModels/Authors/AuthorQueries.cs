using Forum.Gateway.ReadModels.Comments;
using Forum.Gateway.ReadModels.Posts;
using Marten;

namespace Forum.Gateway.ReadModels.Authors;

/// <summary>A comment as an author's page lists it: where it was written, and what it says.</summary>
public sealed record AuthorComment(Guid Id, Guid PostId, string BodyHtml, DateTimeOffset CreatedAt);

/// <summary>An author's latest posts and comments, newest first (deleted ones are not shown).</summary>
public sealed record AuthorPage(string Name, IReadOnlyList<PostListItem> Posts, IReadOnlyList<AuthorComment> Comments);

/// <summary>The read side of an author's page, for the web page and the API alike.</summary>
public static class AuthorQueries
{
    /// <summary>How many posts and how many comments an author's page shows.</summary>
    public const int Latest = 50;

    private const int MaxNameLength = 200;

    public static IEndpointRouteBuilder MapAuthorQueries(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/users/{name}", GetAuthor).WithName("Author");
        return app;
    }

    internal static async Task<IResult> GetAuthor(string name, IQuerySession session, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [$"A user name is 1 to {MaxNameLength} characters."] });
        }
        return TypedResults.Ok(await LatestAsync(session, name, cancellationToken));
    }

    public static async Task<AuthorPage> LatestAsync(IQuerySession session, string name, CancellationToken cancellationToken)
    {
        var posts = await session.Query<PostSummary>()
            .Where(p => p.Author == name && !p.Deleted && p.ContentVersion > 0)
            .OrderByDescending(p => p.PublishedAt).Take(Latest).ToListAsync(cancellationToken);
        var comments = await session.Query<CommentView>()
            .Where(c => c.Author == name && !c.Deleted && c.ContentVersion > 0)
            .OrderByDescending(c => c.CreatedAt).Take(Latest).ToListAsync(cancellationToken);
        return new AuthorPage(name, posts.Select(PostListItem.From).ToList(),
            comments.Select(c => new AuthorComment(c.Id, c.PostId, c.BodyHtml, c.CreatedAt)).ToList());
    }
}
