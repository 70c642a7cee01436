using Marten;

namespace Forum.Gateway.ReadModels.Posts;

/// <summary>A post page's JSON: the post and its counts.</summary>
public sealed record PostView(
    Guid Id, string Board, string Title, string BodyHtml, string Author, DateTimeOffset PublishedAt, DateTimeOffset? EditedAt,
    long Views, long Likes, long Comments, bool Locked, bool Pinned, long Version, IReadOnlyList<string> Tags)
{
    public static PostView From(PostSummary post) => new(
        post.Id, post.Board, post.Title, post.BodyHtml, post.Author, post.PublishedAt, post.EditedAt,
        post.Views, post.Likes, post.Comments, post.Locked, post.Pinned, post.Version, post.Tags);
}

/// <summary>One line of a board listing.</summary>
public sealed record PostListItem(
    Guid Id, string Title, string Excerpt, string Author, DateTimeOffset PublishedAt,
    long Views, long Likes, long Comments, bool Pinned, bool HasImage, IReadOnlyList<string> Tags)
{
    public static PostListItem From(PostSummary post) => new(
        post.Id, post.Title, post.Excerpt, post.Author, post.PublishedAt, post.Views, post.Likes, post.Comments, post.Pinned, post.HasImage, post.Tags);
}

/// <summary>A page of a board's posts.</summary>
public sealed record BoardListing(string Board, int Page, int PageSize, long TotalPosts, int TotalPages, IReadOnlyList<PostListItem> Posts);

/// <summary>The read side of posts, for the API and the pages alike: served from the read model, never proxied.</summary>
public sealed class PostQueries(IQuerySession session, HotPages hot)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>The orders a board listing can be sorted in; the first is the default.</summary>
    public static readonly IReadOnlyList<string> Orders = ["latest", "views", "likes", "comments"];

    /// <summary>A page of a board's posts as it was at most half a second ago (<see cref="HotPages"/>), for a caller that keeps the page again.</summary>
    public Task<BoardListing> CachedListAsync(string slug, int pageNumber, int size, string order, CancellationToken cancellationToken) =>
        hot.GetOrLoadAsync(("board", slug, pageNumber, size, order), () => ListAsync(slug, pageNumber, size, order, cancellationToken),
            HotPages.SharedDataMaxAge);

    /// <summary>A page of a board's posts, newest first with pinned posts on top, or by views, likes or comments.</summary>
    public async Task<BoardListing> ListAsync(string slug, int pageNumber, int size, string order, CancellationToken cancellationToken)
    {
        var (total, posts) = await BoardListingQuery.PageAsync(session, slug, pageNumber, size, order, cancellationToken);
        var totalPages = (int)Math.Max(1, (total + size - 1) / size);
        return new BoardListing(slug, pageNumber, size, total, totalPages, posts.Select(PostListItem.From).ToList());
    }

    /// <summary>
    /// The post, if readers can see it: likes or views may reach the read model a moment before
    /// the post itself (not yet a post), and a deleted post is gone.
    /// </summary>
    public async Task<PostSummary?> FindAsync(Guid postId, CancellationToken cancellationToken) =>
        await session.LoadAsync<PostSummary>(postId, cancellationToken) is { Withdrawn: false, ContentVersion: > 0 } post ? post : null;

    /// <summary>The posts readers can see among these, in no particular order.</summary>
    public async Task<IReadOnlyList<PostSummary>> ManyAsync(IReadOnlyCollection<Guid> postIds, CancellationToken cancellationToken) =>
        postIds.Count == 0 ? [] : [.. (await session.LoadManyAsync<PostSummary>(cancellationToken, postIds)).Where(p => p is { Withdrawn: false, ContentVersion: > 0 })];

    /// <summary>Whether the read model holds the post at this version of its stream or later: what a write to it was answered with.</summary>
    public async Task<bool> ReachedAsync(Guid postId, long version, CancellationToken cancellationToken) =>
        await session.LoadAsync<PostSummary>(postId, cancellationToken) is { } post && post.Version >= version;

    /// <summary>Whether the member likes the post, as far as the read model knows.</summary>
    public async Task<bool> LikedByAsync(Guid postId, Guid memberId, CancellationToken cancellationToken) =>
        await session.LoadAsync<MemberLike>(MemberLike.IdOf(postId, memberId), cancellationToken) is { Liked: true };

    /// <summary>Whether the read model shows the member's like or unlike at this version of the post's engagement stream or later, count and all.</summary>
    public async Task<bool> MemberLikeReachedAsync(Guid postId, Guid memberId, long version, CancellationToken cancellationToken) =>
        await session.LoadAsync<MemberLike>(MemberLike.IdOf(postId, memberId), cancellationToken) is { } like && like.Version >= version;

    /// <summary>A post hidden from readers (reported, held for approval, or by a moderator), for those who review it and for its author.</summary>
    public async Task<PostSummary?> FindHiddenAsync(Guid postId, CancellationToken cancellationToken) =>
        await session.LoadAsync<PostSummary>(postId, cancellationToken) is { Deleted: false, Hidden: true, ContentVersion: > 0 } post ? post : null;

    /// <summary>Posts hidden for one reason (held for approval, say), the longest waiting first.</summary>
    public async Task<(IReadOnlyList<PostSummary> Posts, int Total)> HiddenAsync(string reason, int pageNumber, int size, CancellationToken cancellationToken)
    {
        var hidden = session.Query<PostSummary>().Where(p => p.Hidden && !p.Deleted && p.ContentVersion > 0 && p.HiddenReason == reason);
        var total = await hidden.CountAsync(cancellationToken);
        var page = await hidden.OrderBy(p => p.PublishedAt).ThenBy(p => p.Id).Skip((pageNumber - 1) * size).Take(size).ToListAsync(cancellationToken);
        return (page, total);
    }

    /// <summary>
    /// <see cref="FindAsync"/> held as a hot page together with what the caller makes of it (its
    /// JSON, say), made once per load rather than once per reader.
    /// </summary>
    public Task<(PostSummary Post, T Shaped)?> FindHotAsync<T>(Guid postId, Func<PostSummary, T> shape, CancellationToken cancellationToken) =>
        hot.GetOrLoadAsync<(PostSummary, T)?>(("post", postId, typeof(T)), async () =>
            await FindAsync(postId, cancellationToken) is { } post ? (post, shape(post)) : null);

    /// <summary>The newest posts of one board, or of every board when <paramref name="board"/> is null.</summary>
    public async Task<IReadOnlyList<PostSummary>> LatestAsync(string? board, int count, CancellationToken cancellationToken)
    {
        var shown = session.Query<PostSummary>().Where(p => !p.Withdrawn && p.ContentVersion > 0);
        var posts = board is null ? shown.Where(p => p.Board != "") : shown.Where(p => p.Board == board);
        return await posts.OrderByDescending(p => p.PublishedAt).ThenBy(p => p.Id).Take(count).ToListAsync(cancellationToken);
    }
}
