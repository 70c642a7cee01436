using Forum.Content;
using Forum.Gateway.ReadModels.Posts;
using Marten;

namespace Forum.Gateway.ReadModels.Tags;

/// <summary>A page of the posts with one tag, in the shape of a board listing (page numbers and all).</summary>
public sealed record TagListing(string Tag, int Page, int PageSize, long TotalPosts, int TotalPages, IReadOnlyList<PostListItem> Posts);

/// <summary>
/// The posts with a tag, newest first, read from the search table's tag column (GIN-indexed) and
/// shown only while the post summary says readers may see them, as search does.
/// </summary>
public sealed class TagQueries(IQuerySession session, HotPages hot)
{
    private const string Matches = """
        from forum.post_search s
        join forum.mt_doc_postsummary p on p.id = s.post_id
        where s.tags @> array[?]::text[] and not s.deleted and not p.withdrawn
        """;

    private const string CountSql = "select count(*) " + Matches;

    private const string PageSql = "select s.post_id " + Matches + " order by s.published_at desc, s.post_id offset ? limit ?";

    /// <summary>The tag's key as posts store it, or null when the text cannot be a tag: <c>Tin Tức</c> and <c>tin tức</c> are one tag.</summary>
    public static string? KeyOf(string? typed) => TagNames.Normalize(typed).Tag;

    /// <summary>A page of the tag's posts as it was at most half a second ago (<see cref="HotPages"/>).</summary>
    public Task<TagListing> CachedListAsync(string tag, int pageNumber, int size, CancellationToken cancellationToken) =>
        hot.GetOrLoadAsync(("tag", tag, pageNumber, size), () => ListAsync(tag, pageNumber, size, cancellationToken), HotPages.SharedDataMaxAge);

    /// <param name="tag">A tag's key (<see cref="KeyOf"/>).</param>
    public async Task<TagListing> ListAsync(string tag, int pageNumber, int size, CancellationToken cancellationToken)
    {
        var total = (await session.QueryAsync<long>(CountSql, cancellationToken, tag))[0];
        var ids = await session.QueryAsync<Guid>(PageSql, cancellationToken, tag, (long)(pageNumber - 1) * size, size);
        var posts = ids.Count == 0 ? [] : (await session.LoadManyAsync<PostSummary>(cancellationToken, ids)).ToDictionary(post => post.Id);
        var totalPages = (int)Math.Max(1, (total + size - 1) / size);
        return new TagListing(tag, pageNumber, size, total, totalPages, ids.Where(posts.ContainsKey).Select(id => PostListItem.From(posts[id])).ToList());
    }
}
