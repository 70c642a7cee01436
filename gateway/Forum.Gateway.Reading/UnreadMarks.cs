using Forum.Gateway.ReadModels.Posts;
using Forum.ServiceDefaults.Telemetry;
using Npgsql;
using NpgsqlTypes;

namespace Forum.Gateway.Reading;

/// <summary>What is unread in a post for one member.</summary>
/// <param name="IsNew">Published since the member's horizon and never opened by them.</param>
/// <param name="Comments">Comments by others written after what the member has read of the post (all of them for a new post).</param>
public sealed record Unread(bool IsNew, long Comments)
{
    public bool Any => IsNew || Comments > 0;
}

/// <summary>Where the member's reading of a post stands, for its page.</summary>
/// <param name="Opened">The member opened the post before.</param>
/// <param name="ReadUntil">Comments written after this are unread.</param>
public sealed record ReadingState(bool Opened, DateTimeOffset ReadUntil);

/// <summary>
/// Unread marks, read from the member's reading positions and board marks together with the read
/// models, in one statement per page. What counts as new: a post published since the member's
/// horizon that they never opened; the horizon is the latest of when they joined,
/// <see cref="NewFor"/> ago, and when they last marked the post's board read. A member's own posts
/// and comments are never unread to them.
/// </summary>
public sealed class UnreadMarks(NpgsqlDataSource database, ReadPositions positions, TimeProvider clock)
{
    /// <summary>How long an unopened post stays new: older news is not news to a returning member (Discourse keeps two days, phpBB a visit).</summary>
    public static readonly TimeSpan NewFor = TimeSpan.FromDays(14);

    public const int PageSize = PostQueries.DefaultPageSize;

    /// <summary>Whether the forum keeps reading positions (<see cref="ReadingOptions.Enabled"/>): pages offer the "new" filter and "mark all as read" only then.</summary>
    public bool Enabled => positions.Enabled;

    // The member's positions, stored and pending (greatest() ignores a missing one), and the
    // horizon of each post's board; then per post whether it is new and how many comments by
    // others came after what the member read (the comments' post index finds them).
    private const string Marks = """
        with pending(post_id, seen_until) as (select * from unnest(@pending_posts, @pending_seen)),
        asked as (
            select p.id, p.published_at,
                   coalesce(cast(p.data ->> 'authorId' as uuid), '00000000-0000-0000-0000-000000000000') = @member as own,
                   greatest(rp.seen_until, (select max(q.seen_until) from pending q where q.post_id = p.id)) as seen_until,
                   greatest(@since, (select m.read_at from forum.board_read_marks m where m.member_id = @member and m.board = p.board)) as horizon
            from forum.mt_doc_postsummary p
            left join forum.read_positions rp on rp.member_id = @member and rp.post_id = p.id
            where {0})
        select a.id, a.published_at,
               not a.own and a.seen_until is null and a.published_at > a.horizon as is_new,
               (select count(*) from forum.mt_doc_commentview c
                 where CAST(c.data ->> 'postId' as uuid) = a.id
                   and (c.data ->> 'contentVersion')::bigint > 0
                   and not coalesce((c.data ->> 'deleted')::boolean, false)
                   and not coalesce((c.data ->> 'hidden')::boolean, false)
                   and CAST(c.data ->> 'authorId' as uuid) is distinct from @member
                   and forum.mt_immutable_timestamptz(c.data ->> 'createdAt') > greatest(a.seen_until, a.horizon)) as unread
        from asked a
        """;

    private static readonly string MarksOfPosts = string.Format(Marks, "p.id = any(@ids)");

    // The "new" filter: the board's posts published since the horizon, or with a comment since it
    // (from the comments' time index), then those with something unread, newest first.
    private static readonly string MarksOfBoard = string.Format(Marks, """
        p.board = @board and p.withdrawn = false and (p.data ->> 'contentVersion')::bigint > 0
          and (p.published_at > @horizon
               or p.id in (select CAST(c.data ->> 'postId' as uuid) from forum.mt_doc_commentview c
                           where forum.mt_immutable_timestamptz(c.data ->> 'createdAt') > @horizon))
        """);

    private const string BoardHorizon = "select read_at from forum.board_read_marks where member_id = @member and board = @board";

    private const string MarkBoard = """
        insert into forum.board_read_marks (member_id, board, read_at) values (@member, @board, @at)
        on conflict (member_id, board) do update set read_at = greatest(forum.board_read_marks.read_at, excluded.read_at)
        """;

    /// <summary>The horizon before any board is marked read: the later of joining and <see cref="NewFor"/> ago.</summary>
    public DateTimeOffset Since(DateTimeOffset joinedAt)
    {
        var window = clock.GetUtcNow() - NewFor;
        return joinedAt > window ? joinedAt : window;
    }

    /// <summary>The unread marks of these posts for the member; posts with nothing unread are left out.</summary>
    public async Task<IReadOnlyDictionary<Guid, Unread>> OfAsync(Guid memberId, DateTimeOffset joinedAt, IEnumerable<Guid> postIds, CancellationToken cancellationToken)
    {
        var ids = postIds.Distinct().ToArray();
        if (ids.Length == 0 || !positions.Enabled)
        {
            return new Dictionary<Guid, Unread>();
        }
        using var activity = ForumTelemetry.Source.StartActivity("unread marks");
        await using var command = Command(MarksOfPosts, memberId, joinedAt);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids });
        return (await ReadMarksAsync(command, cancellationToken)).ToDictionary(m => m.Id, m => m.Unread);
    }

    /// <summary>
    /// The "new" filter of a board: a page of its posts with something unread for the member,
    /// newest first, with their marks.
    /// </summary>
    public async Task<(int Total, IReadOnlyList<Guid> Posts, IReadOnlyDictionary<Guid, Unread> Marks)> NewInBoardAsync(
        Guid memberId, DateTimeOffset joinedAt, string board, int page, CancellationToken cancellationToken)
    {
        using var activity = ForumTelemetry.Source.StartActivity("unread posts of a board");
        var since = Since(joinedAt);
        await using var command = Command(MarksOfBoard, memberId, joinedAt);
        command.Parameters.AddWithValue("board", board);
        command.Parameters.AddWithValue("horizon", (await BoardMarkAsync(memberId, board, cancellationToken) is { } mark && mark > since ? mark : since).UtcDateTime);
        var marks = (await ReadMarksAsync(command, cancellationToken)).OrderByDescending(m => m.PublishedAt).ThenByDescending(m => m.Id).ToList();
        var shown = marks.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        return (marks.Count, [.. shown.Select(m => m.Id)], shown.ToDictionary(m => m.Id, m => m.Unread));
    }

    /// <summary>Where the member's reading of the post stands: whether they opened it, and after when its comments are unread.</summary>
    public async Task<ReadingState> StateAsync(Guid memberId, DateTimeOffset joinedAt, PostSummary post, CancellationToken cancellationToken)
    {
        if (!positions.Enabled)
        {
            return new ReadingState(false, clock.GetUtcNow());
        }
        const string Sql = """
            select (select seen_until from forum.read_positions where member_id = @member and post_id = @post),
                   (select read_at from forum.board_read_marks where member_id = @member and board = @board)
            """;
        await using var command = database.CreateCommand(Sql);
        command.Parameters.AddWithValue("member", memberId);
        command.Parameters.AddWithValue("post", post.Id);
        command.Parameters.AddWithValue("board", post.Board);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        DateTimeOffset? stored = reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0);
        DateTimeOffset? mark = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
        var (pendingPosts, pendingSeen) = positions.PendingFor(memberId);
        var seen = stored;
        for (var i = 0; i < pendingPosts.Length; i++)
        {
            seen = pendingPosts[i] == post.Id ? Latest(seen, pendingSeen[i]) : seen;
        }
        var horizon = Latest(Since(joinedAt), mark)!.Value;
        return new ReadingState(seen is not null, Latest(seen, horizon)!.Value);
    }

    /// <summary>Marks everything in the board as read for the member, as of now.</summary>
    public async Task MarkBoardReadAsync(Guid memberId, string board, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(MarkBoard);
        command.Parameters.AddWithValue("member", memberId);
        command.Parameters.AddWithValue("board", board);
        command.Parameters.AddWithValue("at", clock.GetUtcNow().UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken);
        ReadingMetrics.BoardsMarkedRead.Add(1);
    }

    private async Task<DateTimeOffset?> BoardMarkAsync(Guid memberId, string board, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(BoardHorizon);
        command.Parameters.AddWithValue("member", memberId);
        command.Parameters.AddWithValue("board", board);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    private NpgsqlCommand Command(string sql, Guid memberId, DateTimeOffset joinedAt)
    {
        var (pendingPosts, pendingSeen) = positions.PendingFor(memberId);
        var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue("member", memberId);
        command.Parameters.AddWithValue("since", Since(joinedAt).UtcDateTime);
        command.Parameters.Add(new NpgsqlParameter("pending_posts", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = pendingPosts });
        command.Parameters.Add(new NpgsqlParameter("pending_seen", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = pendingSeen.Select(s => s.UtcDateTime).ToArray() });
        return command;
    }

    /// <summary>The posts with something unread, with when each was published.</summary>
    private static async Task<List<(Guid Id, DateTimeOffset PublishedAt, Unread Unread)>> ReadMarksAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var marks = new List<(Guid, DateTimeOffset, Unread)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var unread = new Unread(reader.GetBoolean(2), reader.GetInt64(3));
            if (unread.Any)
            {
                marks.Add((reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), unread));
            }
        }
        return marks;
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
