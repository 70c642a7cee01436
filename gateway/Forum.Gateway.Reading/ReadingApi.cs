using System.Globalization;
using System.Security.Claims;
using Forum.Gateway.Accounts;
using Forum.Gateway.ReadModels.Boards;
using Forum.Gateway.ReadModels.Posts;
using Forum.ServiceDefaults.Security;

namespace Forum.Gateway.Reading;

/// <summary>The "new" filter of a board: a listing in a board listing's shape, with what is unread in each post.</summary>
public sealed record UnreadListing(
    string Board, int Page, int PageSize, long TotalPosts, int TotalPages, IReadOnlyList<PostListItem> Posts, IReadOnlyDictionary<Guid, Unread> Unread);

/// <summary>
/// A member's reading through the API: <c>GET /api/unread?posts=</c> (the marks of a listing's
/// posts), <c>GET /api/boards/{slug}/new?page=</c> (only what is new or has unread comments) and
/// <c>POST /api/boards/{slug}/read</c> (mark the board read). Reading a post or its comments moves
/// the member's position (<c>GET /api/posts/{id}</c>, <c>/comments</c>).
/// </summary>
public static class ReadingApi
{
    public const int MaxPostsAsked = 100;

    public static IEndpointRouteBuilder MapReadingApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/unread", MarksAsync).RequireAuthorization(ForumPolicies.Member);
        app.MapGet("/api/boards/{slug}/new", NewAsync).RequireAuthorization(ForumPolicies.Member);
        app.MapPost("/api/boards/{slug}/read", MarkReadAsync).RequireAuthorization(ForumPolicies.Member);
        return app;
    }

    private static async Task<IResult> MarksAsync(ClaimsPrincipal user, AccountDirectory accounts, UnreadMarks unread, CancellationToken cancellationToken, string? posts = null)
    {
        var ids = new List<Guid>();
        foreach (var part in (posts ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Guid.TryParse(part, out var id))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["posts"] = ["Posts are post ids (GUIDs) separated by commas."] });
            }
            ids.Add(id);
        }
        if (ids.Count > MaxPostsAsked)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["posts"] = [$"Ask for at most {MaxPostsAsked} posts at a time."] });
        }
        if (await accounts.FindAsync(user.UserIdOf(), cancellationToken) is not { } account)
        {
            return TypedResults.Unauthorized();
        }
        return TypedResults.Ok(await unread.OfAsync(account.Id, account.CreatedAt, ids, cancellationToken));
    }

    private static async Task<IResult> NewAsync(
        string slug, ClaimsPrincipal user, AccountDirectory accounts, BoardQueries boards, PostQueries postQueries, UnreadMarks unread, CancellationToken cancellationToken, string? page = null)
    {
        if (PageNumber(page) is not { } number)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["page"] = ["A page is a whole number from 1 to 1000000."] });
        }
        if (await boards.FindAsync(slug, cancellationToken) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such board.");
        }
        if (await accounts.FindAsync(user.UserIdOf(), cancellationToken) is not { } account)
        {
            return TypedResults.Unauthorized();
        }
        return TypedResults.Ok(await NewListingAsync(account.Id, account.CreatedAt, slug, number, postQueries, unread, cancellationToken));
    }

    /// <summary>A page of the board's posts with something unread for the member, for the API and the board page's "new" filter.</summary>
    public static async Task<UnreadListing> NewListingAsync(
        Guid memberId, DateTimeOffset joinedAt, string slug, int page, PostQueries postQueries, UnreadMarks unread, CancellationToken cancellationToken)
    {
        var (total, ids, marks) = await unread.NewInBoardAsync(memberId, joinedAt, slug, page, cancellationToken);
        var found = (await postQueries.ManyAsync(ids, cancellationToken)).ToDictionary(p => p.Id);
        var posts = ids.Where(found.ContainsKey).Select(id => PostListItem.From(found[id])).ToList();
        return new UnreadListing(slug, page, UnreadMarks.PageSize, total, Math.Max(1, (total + UnreadMarks.PageSize - 1) / UnreadMarks.PageSize), posts, marks);
    }

    private static async Task<IResult> MarkReadAsync(string slug, ClaimsPrincipal user, BoardQueries boards, UnreadMarks unread, CancellationToken cancellationToken)
    {
        if (await boards.FindAsync(slug, cancellationToken) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such board.");
        }
        await unread.MarkBoardReadAsync(user.UserIdOf(), slug, cancellationToken);
        return TypedResults.NoContent();
    }

    private static int? PageNumber(string? page) =>
        page is null ? 1
        : int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 1_000_000 ? number
        : null;
}
