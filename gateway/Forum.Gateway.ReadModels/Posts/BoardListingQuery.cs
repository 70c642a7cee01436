using Marten;

namespace Forum.Gateway.ReadModels.Posts;

/// <summary>
/// A page of a board, by page number, without reading the posts before it: the ids of the page
/// come from an index that holds the board, the withdrawn flag (deleted or hidden) and every sort key (a backward
/// index-only scan that skips index entries, not rows), and only the page's own documents are
/// loaded. Page 500 of a 10,000-post board costs a skip over 10,000 small index entries.
/// </summary>
public static class BoardListingQuery
{
    private static string Page(string sortColumn) => $"""
        select id from forum.mt_doc_postsummary
        where board = ? and withdrawn = false
        order by {sortColumn} desc, published_at desc, id desc
        offset ? limit ?
        """;

    private const string Count = "select count(*) from forum.mt_doc_postsummary where board = ? and withdrawn = false";

    public static async Task<(long Total, IReadOnlyList<PostSummary> Posts)> PageAsync(
        IQuerySession session, string board, int pageNumber, int size, string order, CancellationToken cancellationToken)
    {
        var sortColumn = order switch
        {
            "views" => "views",
            "likes" => "likes",
            "comments" => "comments",
            _ => "pinned",
        };
        var total = (await session.QueryAsync<long>(Count, cancellationToken, board))[0];
        var ids = await session.QueryAsync<Guid>(Page(sortColumn), cancellationToken, board, (long)(pageNumber - 1) * size, size);
        if (ids.Count == 0)
        {
            return (total, []);
        }
        var posts = (await session.LoadManyAsync<PostSummary>(cancellationToken, ids)).ToDictionary(post => post.Id);
        return (total, ids.Where(posts.ContainsKey).Select(id => posts[id]).ToList());
    }
}
