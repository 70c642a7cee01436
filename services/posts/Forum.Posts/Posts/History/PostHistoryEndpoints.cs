using Forum.Contracts.Accounts;
using System.Globalization;
using System.Security.Claims;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;
using Marten;

namespace Forum.Posts.Posts.History;

/// <summary>
/// A post as it was: the same shape as the gateway's post page, without the counts, and with the
/// Markdown it was written in (<see cref="Body"/>), which an edit starts from and a revision's changes are read in.
/// </summary>
public sealed record PostAsItWas(
    Guid Id, string Board, string Title, string BodyHtml, string Author, DateTimeOffset PublishedAt, DateTimeOffset? EditedAt,
    bool Locked, bool Pinned, long Version, string Body, IReadOnlyList<string> Tags);

/// <summary>
/// Revisions and time travel, aggregated from the post's stream. Anyone may read them while the
/// post is there for readers; once it is deleted or hidden, only moderators may (what its author
/// took back is not left readable by its old address). The event history itself keeps it all.
/// </summary>
public static class PostHistoryEndpoints
{
    public static IEndpointRouteBuilder MapPostHistory(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/posts/{id}/revisions", GetRevisions).WithName("PostRevisions");
        app.MapGet("/api/posts/{id}", GetPostAsItWas).WithName("PostAsItWas");
        return app;
    }

    internal static async Task<IResult> GetRevisions(string id, IQuerySession session, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var postId))
        {
            return BadId();
        }
        var events = await session.Events.FetchStreamAsync(postId, token: cancellationToken);
        var states = PostHistory.Replay(events);
        if (states.Count == 0 || WithdrawnFrom(states[^1].Post, user))
        {
            return NoSuchPost();
        }
        return TypedResults.Ok(PostHistory.Revisions(events));
    }

    /// <summary><c>?version=N</c> or <c>?at=2026-11-28T09:30:00Z</c>; neither gives the latest.</summary>
    internal static async Task<IResult> GetPostAsItWas(
        string id, IQuerySession session, HttpResponse response, ClaimsPrincipal user, CancellationToken cancellationToken, string? version = null, string? at = null)
    {
        if (!Guid.TryParse(id, out var postId))
        {
            return BadId();
        }
        long? wantedVersion = null;
        DateTimeOffset? wantedTime = null;
        if (version is not null)
        {
            if (!long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = ["A version is a whole number from 1."] });
            }
            wantedVersion = v;
        }
        if (at is not null)
        {
            if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["at"] = ["A time is ISO 8601, such as 2026-11-28T09:30:00Z."] });
            }
            wantedTime = t;
        }
        if (wantedVersion is not null && wantedTime is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["at"] = ["Ask for a version or a time, not both."] });
        }

        var states = PostHistory.Replay(await session.Events.FetchStreamAsync(postId, token: cancellationToken));
        if (states.Count > 0 && WithdrawnFrom(states[^1].Post, user))
        {
            return NoSuchPost();
        }
        var state = wantedVersion is { } n ? states.FirstOrDefault(s => s.Version == n)
            : wantedTime is { } time ? states.LastOrDefault(s => s.At <= time)
            : states.LastOrDefault();
        if (state is null || state.Post.Deleted)
        {
            return NoSuchPost();
        }
        var post = state.Post;
        response.Headers.ETag = EntityTags.ForVersion(state.Version);
        return TypedResults.Ok(new PostAsItWas(post.Id, post.Board, post.Title, post.BodyHtml, post.Author.Or(MemberForgotten.FormerMemberName), post.PublishedAt, post.EditedAt, post.Locked, post.Pinned, state.Version, post.Body, post.Tags));
    }

    private static IResult BadId() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["A post id is a GUID."] });

    private static IResult NoSuchPost() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such post, or not at that time.");

    /// <summary>Deleted or hidden now, and the reader is no moderator: none of its versions is theirs to read.</summary>
    private static bool WithdrawnFrom(Post post, ClaimsPrincipal user) => (post.Deleted || post.Hidden) && !user.IsModerator();
}
