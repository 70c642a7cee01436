using Forum.Gateway.Views;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Forum.Gateway.ReadModels.Posts;

/// <summary>A post page's JSON: the post and its counts.</summary>
public sealed record PostView(
    Guid Id, string Board, string Title, string BodyHtml, string Author, DateTimeOffset PublishedAt, DateTimeOffset? EditedAt,
    long Views, long Likes, long Comments, bool Locked, bool Pinned, long Version)
{
    public static PostView From(PostSummary post) => new(
        post.Id, post.Board, post.Title, post.BodyHtml, post.Author, post.PublishedAt, post.EditedAt,
        post.Views, post.Likes, post.Comments, post.Locked, post.Pinned, post.Version);
}

/// <summary>One line of a board listing.</summary>
public sealed record PostListItem(
    Guid Id, string Title, string Excerpt, string Author, DateTimeOffset PublishedAt,
    long Views, long Likes, long Comments, bool Pinned, bool HasImage)
{
    public static PostListItem From(PostSummary post) => new(
        post.Id, post.Title, post.Excerpt, post.Author, post.PublishedAt, post.Views, post.Likes, post.Comments, post.Pinned, post.HasImage);
}

/// <summary>A page of a board's posts.</summary>
public sealed record BoardListing(string Board, int Page, int PageSize, long TotalPosts, int TotalPages, IReadOnlyList<PostListItem> Posts);

/// <summary>The read side of posts: served by the gateway from its read model, never proxied.</summary>
public static class PostQueries
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapPostQueries(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/boards/{slug}/posts", GetBoardListing).WithName("BoardListing").CacheOutput(ReadersOutputCache.Policy);
        app.MapGet("/api/posts/{id}", GetPost).WithName("Post");
        return app;
    }

    internal static async Task<Results<Ok<BoardListing>, ValidationProblem>> GetBoardListing(
        string slug, IQuerySession session, HotPages hot, CancellationToken cancellationToken,
        string? page = null, string? pageSize = null, string? sort = null)
    {
        var errors = new Dictionary<string, string[]>();
        var pageNumber = ParseInt(page, 1, "page", 1, 1_000_000, errors);
        var size = ParseInt(pageSize, DefaultPageSize, "pageSize", 1, MaxPageSize, errors);
        var order = (sort ?? "latest").ToLowerInvariant();
        if (order is not ("latest" or "views" or "likes" or "comments"))
        {
            errors["sort"] = ["Sort by latest, views, likes or comments."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await CachedListAsync(hot, session, slug, pageNumber, size, order, cancellationToken));
    }

    /// <summary>A page of a board's posts as it was at most half a second ago (<see cref="HotPages"/>, <see cref="ReadersOutputCache"/>).</summary>
    public static Task<BoardListing> CachedListAsync(
        HotPages hot, IQuerySession session, string slug, int pageNumber, int size, string order, CancellationToken cancellationToken) =>
        hot.GetOrLoadAsync(("board", slug, pageNumber, size, order), () => ListAsync(session, slug, pageNumber, size, order, cancellationToken),
            ReadersOutputCache.DataMaxAge);

    /// <summary>A page of a board's posts, newest first with pinned posts on top, or by views, likes or comments.</summary>
    public static async Task<BoardListing> ListAsync(IQuerySession session, string slug, int pageNumber, int size, string order, CancellationToken cancellationToken)
    {
        var (total, posts) = await BoardListingQuery.PageAsync(session, slug, pageNumber, size, order, cancellationToken);
        var totalPages = (int)Math.Max(1, (total + size - 1) / size);
        return new BoardListing(slug, pageNumber, size, total, totalPages, posts.Select(PostListItem.From).ToList());
    }

    internal static async Task<Results<JsonBytesResult, ProblemHttpResult, ValidationProblem>> GetPost(
        string id, IQuerySession session, HotPages hot, ViewCounter views, HttpContext http, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var postId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["A post id is a GUID."] });
        }
        // Serialized once per load, not once per reader: a hot post is read thousands of times a second.
        var served = await hot.GetOrLoadAsync(("post", postId), async () =>
            await session.LoadAsync<PostSummary>(postId, cancellationToken) is { } loaded
                ? new ServedPost(loaded, JsonSerializer.SerializeToUtf8Bytes(PostView.From(loaded), json.Value.SerializerOptions))
                : null);
        var post = served?.Post;
        // Likes or views may reach the read model a moment before the post itself: not yet a post.
        if (post is null || post.Deleted || post.ContentVersion == 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such post.",
                detail: $"There is no post {postId}. A post published a moment ago may take a few milliseconds to appear.");
        }
        views.Count(postId, http);
        return new JsonBytesResult(served!.Json);
    }

    /// <summary>A post as the read model held it, with its page's JSON.</summary>
    private sealed record ServedPost(PostSummary Post, byte[] Json);

    internal static int ParseInt(string? value, int fallback, string name, int min, int max, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return fallback;
        }
        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && number >= min && number <= max)
        {
            return number;
        }
        errors[name] = [$"{name} is a whole number from {min} to {max}."];
        return fallback;
    }
}
