using Forum.Gateway.Accounts.Profiles;
using Forum.Gateway.ReadModels.Authors;
using Forum.Gateway.ReadModels.Posts;

namespace Forum.Gateway.QueryApi;

/// <summary>
/// A member's page as data: their profile (if the name is a member's), what they show (posts,
/// comments, likes their posts received), and their latest posts and comments.
/// </summary>
public sealed record UserPage(
    string Name, string? DisplayName, string? BioHtml, string? Avatar, DateTimeOffset? JoinedAt, int PostCount, int CommentCount, long LikesReceived,
    IReadOnlyList<PostListItem> Posts, IReadOnlyList<AuthorComment> Comments)
{
    public static async Task<UserPage> LoadAsync(string name, AuthorQueries authors, MemberProfiles profiles, CancellationToken cancellationToken)
    {
        var profile = await profiles.FindAsync(name, cancellationToken);
        // Content is credited to the name as registered; a differently-cased request still finds the member.
        var author = profile?.UserName ?? name;
        var latest = await authors.LatestAsync(author, cancellationToken);
        var (posts, comments, likes) = await authors.CountsAsync(author, cancellationToken);
        return new UserPage(author, profile?.DisplayName, profile?.BioHtml, profile?.Avatar, profile?.JoinedAt, posts, comments, likes, latest.Posts, latest.Comments);
    }
}

/// <summary><c>GET /api/users/{name}</c>: a member's profile, counts, and latest posts and comments.</summary>
public static class AuthorsApi
{
    public static IEndpointRouteBuilder MapAuthorsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/users/{name}", GetAuthor).WithName("Author");
        return app;
    }

    internal static async Task<IResult> GetAuthor(string name, AuthorQueries authors, MemberProfiles profiles, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > AuthorQueries.MaxNameLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [$"A user name is 1 to {AuthorQueries.MaxNameLength} characters."] });
        }
        return TypedResults.Ok(await UserPage.LoadAsync(name, authors, profiles, cancellationToken));
    }
}
