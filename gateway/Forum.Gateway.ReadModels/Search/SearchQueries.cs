using System.Data;
using Forum.Gateway.ReadModels.Posts;
using Marten;
using Npgsql;

namespace Forum.Gateway.ReadModels.Search;

/// <summary>
/// Posts whose title or body holds the words of a query, in the shape of a board listing. Text is compared unaccented and in lower
/// case, so <c>tin tuc</c> and <c>TIN TỨC</c> find <c>Tin tức</c>. A post matches when its words
/// hold every word of the query (full text), or when its title or body holds the query as a
/// fragment (trigram-indexed <c>LIKE</c>), which finds Korean words inside longer words written
/// without spaces (<c>한국</c> in <c>한국생활</c>) and parts of words. Title matches come first,
/// then the newest. Deleted posts never appear.
/// </summary>
public sealed class SearchQueries(NpgsqlDataSource dataSource, IQuerySession session)
{
    public const int MaxQueryLength = 200;

    private const string Matches = """
        from forum.post_search s,
            lateral (select plainto_tsquery('simple'::regconfig, forum.search_text(@q)) as tsq,
                            '%' || forum.search_text(@pattern) || '%' as pattern) m
        where not s.deleted
          -- The post summary is the authority on deletion and hiding: count and page agree with what is shown.
          and not exists (select 1 from forum.mt_doc_postsummary p where p.id = s.post_id and p.withdrawn)
          and (@board = '' or s.board = @board)
          and (@tag = '' or s.tags @> array[@tag]::text[])
          and (@q = '' or s.document @@ m.tsq or s.title like m.pattern or s.body like m.pattern)
        """;

    private const string CountSql = "select count(*) " + Matches;

    private const string PageSql = "select s.post_id " + Matches + """

        order by (to_tsvector('simple'::regconfig, s.title) @@ m.tsq or s.title like m.pattern) desc,
                 s.published_at desc, s.post_id
        limit @limit offset @offset
        """;

    /// <summary>
    /// A page of the posts that match <paramref name="query"/> (up to <see cref="MaxQueryLength"/>
    /// characters, trimmed), in one board or, when <paramref name="board"/> is empty, in all, and
    /// with one tag (its key, <see cref="Forum.Content.TagNames"/>) when <paramref name="tag"/> is given.
    /// An empty query with a tag lists the tag's posts, newest first.
    /// </summary>
    public async Task<BoardListing> SearchAsync(string query, string? board, int pageNumber, int size, CancellationToken cancellationToken, string? tag = null)
    {
        query = query.Trim();
        var boardFilter = string.IsNullOrWhiteSpace(board) ? "" : board.Trim();
        var tagFilter = tag ?? "";

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The count and the page read one snapshot: a post deleted between the two statements
        // would otherwise be counted but not shown (or shown but not counted).
        await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        long total;
        await using (var count = Command(CountSql, connection, query, boardFilter, tagFilter))
        {
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }
        var ids = new List<Guid>();
        await using (var select = Command(PageSql, connection, query, boardFilter, tagFilter))
        {
            select.Parameters.AddWithValue("limit", size);
            select.Parameters.AddWithValue("offset", (pageNumber - 1) * size);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetGuid(0));
            }
        }
        var posts = ids.Count == 0 ? [] : (await session.LoadManyAsync<PostSummary>(cancellationToken, ids)).ToDictionary(p => p.Id);
        // Which posts are shown is the snapshot's decision, like the count; the documents only supply what they show.
        var items = ids.Where(posts.ContainsKey).Select(id => PostListItem.From(posts[id])).ToList();
        var totalPages = (int)Math.Max(1, (total + size - 1) / size);
        return new BoardListing(boardFilter, pageNumber, size, total, totalPages, items);
    }

    private static NpgsqlCommand Command(string sql, NpgsqlConnection connection, string query, string board, string tag)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("tag", tag);
        command.Parameters.AddWithValue("q", query);
        command.Parameters.AddWithValue("pattern", EscapeLike(query));
        command.Parameters.AddWithValue("board", board);
        return command;
    }

    /// <summary>The query as a literal <c>LIKE</c> fragment: its <c>%</c>, <c>_</c> and <c>\</c> match themselves.</summary>
    internal static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
