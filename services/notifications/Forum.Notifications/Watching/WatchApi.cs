using System.Security.Claims;
using Forum.Notifications.KnowingPosts;
using Forum.ServiceDefaults.Security;
using Marten;
using System.Text.RegularExpressions;

namespace Forum.Notifications.Watching;

/// <summary>Whether the member watches it.</summary>
public sealed record WatchState(bool Watching);

/// <summary>
/// <c>GET|PUT|DELETE /api/posts/{id}/watch</c> and <c>/api/boards/{slug}/watch</c>: a member
/// watches a post (told of its new comments) or a board (told of its new posts), or stops.
/// Putting or deleting twice is the same as once.
/// </summary>
public static partial class WatchApi
{
    public static IEndpointRouteBuilder MapWatchEndpoints(this IEndpointRouteBuilder app)
    {
        var posts = app.MapGroup("/api/posts/{id}/watch").RequireAuthorization(ForumPolicies.Member);
        posts.MapGet("", (string id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) => StateAsync(WatchKinds.Post, id, user, session, ct)).WithName("PostWatch");
        posts.MapPut("", (string id, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct) => SetAsync(WatchKinds.Post, id, true, user, session, ct)).WithName("WatchPost");
        posts.MapDelete("", (string id, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct) => SetAsync(WatchKinds.Post, id, false, user, session, ct)).WithName("UnwatchPost");
        var boards = app.MapGroup("/api/boards/{slug}/watch").RequireAuthorization(ForumPolicies.Member);
        boards.MapGet("", (string slug, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) => StateAsync(WatchKinds.Board, slug, user, session, ct)).WithName("BoardWatch");
        boards.MapPut("", (string slug, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct) => SetAsync(WatchKinds.Board, slug, true, user, session, ct)).WithName("WatchBoard");
        boards.MapDelete("", (string slug, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct) => SetAsync(WatchKinds.Board, slug, false, user, session, ct)).WithName("UnwatchBoard");
        return app;
    }

    private static async Task<IResult> StateAsync(
        string kind, string subject, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellationToken)
    {
        if (await CheckAsync(kind, subject, session, cancellationToken) is { } refused)
        {
            return refused;
        }
        var watch = await session.LoadAsync<Watch>(Watch.IdFor(user.UserIdOf(), kind, Key(kind, subject)), cancellationToken);
        return TypedResults.Ok(new WatchState(watch?.Watching == true));
    }

    private static async Task<IResult> SetAsync(
        string kind, string subject, bool watching, ClaimsPrincipal user, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (await CheckAsync(kind, subject, session, cancellationToken) is { } refused)
        {
            return refused;
        }
        session.Store(Watch.Of(user.UserIdOf(), kind, Key(kind, subject), watching));
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>A post is named by its id in its canonical form, a board by its slug.</summary>
    private static string Key(string kind, string subject) => kind == WatchKinds.Post ? Guid.Parse(subject).ToString() : subject;

    /// <summary>Null when the post or board can be watched; else the problem that says why not.</summary>
    private static async Task<IResult?> CheckAsync(string kind, string subject, IQuerySession session, CancellationToken cancellationToken)
    {
        if (kind == WatchKinds.Post)
        {
            if (!Guid.TryParse(subject, out var postId))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["A post id is a GUID."] });
            }
            return await session.LoadAsync<KnownPost>(postId, cancellationToken) is { Published: true, Deleted: false }
                ? null
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such post.",
                    detail: $"There is no post {postId} to watch. A post published a moment ago may take a few milliseconds to be known.");
        }
        if (!BoardSlug().IsMatch(subject))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["slug"] = ["A board slug is 1 to 64 letters a-z, digits and hyphens."] });
        }
        return await session.LoadAsync<KnownBoard>(subject, cancellationToken) is not null
            ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such board.", detail: $"There is no board '{subject}' to watch.");
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex BoardSlug();
}
