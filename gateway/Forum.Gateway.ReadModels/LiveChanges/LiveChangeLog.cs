using System.Text.Json;
using Forum.Contracts.Comments;
using Forum.Contracts.Engagement;
using Forum.Contracts.Posts;
using Forum.Gateway.ReadModels.Posts;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Forum.Gateway.ReadModels.LiveChanges;

/// <summary>One change an open page can show without a reload, numbered in the order it was committed.</summary>
/// <param name="Seq">Its place in the log: the id of the server-sent event, so a reconnecting page says where it was.</param>
/// <param name="Topic">Whose page it changes: <c>post:{id}</c> or <c>board:{slug}</c>.</param>
/// <param name="Kind">What changed: <c>counts</c>, <c>comment</c> or <c>post</c>.</param>
/// <param name="Payload">The change as JSON, the data of the server-sent event.</param>
public sealed record LiveChange(long Seq, string Topic, string Kind, string Payload);

/// <summary>
/// The log of what projected events changed on open pages, in the gateway's database. Every
/// replica writes what it projects and every replica reads all of it (<c>LISTEN</c> on
/// <see cref="Channel"/>, and a poll as the safety net), so a page open on one replica sees a
/// comment another replica projected; a page that reconnects is given what it missed from the
/// log. The counts are read from the read model after the batch committed, not taken from the
/// events, so a late or repeated event never shows an older count.
/// <para>
/// Appends take one advisory lock, so numbers are committed in order and a reader that has seen
/// number N has seen every number below it. The log keeps <see cref="Retention"/>; a page away
/// longer reloads.
/// </para>
/// </summary>
public sealed class LiveChangeLog(NpgsqlDataSource database, IDocumentStore store, ILogger<LiveChangeLog> logger) : IHostedService
{
    public const string Channel = "forum_live_changes";

    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);

    private const string Ddl = """
        select pg_advisory_xact_lock(hashtext('forum.live_changes'));
        create schema if not exists forum;
        create table if not exists forum.live_changes (
            seq bigint generated always as identity primary key,
            topic text not null,
            kind text not null,
            payload jsonb not null,
            at timestamptz not null default now());
        create index if not exists live_changes_topic on forum.live_changes (topic, seq);
        """;

    private const string Append = """
        select pg_advisory_xact_lock(hashtext('forum.live_changes'));
        insert into forum.live_changes (topic, kind, payload)
            select topic, kind, payload::jsonb from unnest(@topics, @kinds, @payloads) as change(topic, kind, payload);
        select pg_notify('forum_live_changes', '');
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(Ddl, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Appends what a projected batch changed on open pages; called once the batch is committed.</summary>
    public async Task RecordAsync(IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        var changes = await ChangesAsync(events, cancellationToken);
        if (changes.Count == 0)
        {
            return;
        }
        await using var command = database.CreateCommand(Append);
        command.Parameters.Add(new NpgsqlParameter("topics", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = changes.Select(c => c.Topic).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("kinds", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = changes.Select(c => c.Kind).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = changes.Select(c => c.Payload).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
        LiveChangeMetrics.Recorded.Add(changes.Count);
    }

    /// <summary>The changes after <paramref name="after"/>, oldest first; of one topic, or of all.</summary>
    public async Task<IReadOnlyList<LiveChange>> ReadAfterAsync(long after, string? topic, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(topic is null
            ? "select seq, topic, kind, payload::text from forum.live_changes where seq > @after order by seq limit @limit"
            : "select seq, topic, kind, payload::text from forum.live_changes where topic = @topic and seq > @after order by seq limit @limit");
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("limit", limit);
        if (topic is not null)
        {
            command.Parameters.AddWithValue("topic", topic);
        }
        var changes = new List<LiveChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new LiveChange(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }
        return changes;
    }

    /// <summary>The newest number in the log and the oldest it still holds (0 when empty).</summary>
    public async Task<(long Newest, long Oldest)> BoundsAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("select coalesce(max(seq), 0), coalesce(min(seq), 0) from forum.live_changes");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Forgets what is older than <see cref="Retention"/>; any replica may run it.</summary>
    public async Task PruneAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("delete from forum.live_changes where at < now() - @retention");
        command.Parameters.AddWithValue("retention", Retention);
        var removed = await command.ExecuteNonQueryAsync(cancellationToken);
        if (removed > 0)
        {
            logger.LogDebug("Forgot {Count} live changes older than {Retention}.", removed, Retention);
        }
    }

    private async Task<List<LiveChange>> ChangesAsync(IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        var changes = new List<LiveChange>();
        var counted = new HashSet<Guid>();
        foreach (var message in events)
        {
            switch (message)
            {
                case CommentAdded e:
                    changes.Add(Change(PostTopic(e.PostId), "comment", new { postId = e.PostId, commentId = e.CommentId, parentId = e.ParentId, change = "added" }));
                    counted.Add(e.PostId);
                    break;
                case CommentEdited e:
                    changes.Add(Change(PostTopic(e.PostId), "comment", new { postId = e.PostId, commentId = e.CommentId, change = "edited" }));
                    break;
                case CommentVisibilityChanged e:
                    changes.Add(Change(PostTopic(e.PostId), "comment", new { postId = e.PostId, commentId = e.CommentId, change = "edited" }));
                    break;
                case CommentDeleted e:
                    changes.Add(Change(PostTopic(e.PostId), "comment", new { postId = e.PostId, commentId = e.CommentId, change = "deleted" }));
                    counted.Add(e.PostId);
                    break;
                case PostPublished { HiddenFor: null } e:
                    changes.Add(Change(BoardTopic(e.Board), "post", new { postId = e.PostId, board = e.Board, change = "published" }));
                    break;
                case PostEdited or PostDeleted or PostLockChanged or PostPinChanged or PostVisibilityChanged:
                    counted.Add(PostIdOf(message));
                    break;
                case LikesChanged e:
                    counted.Add(e.PostId);
                    break;
                case ViewsCounted e:
                    counted.Add(e.PostId);
                    break;
            }
        }
        if (counted.Count == 0)
        {
            return changes;
        }

        await using var session = store.QuerySession();
        foreach (var post in await session.LoadManyAsync<PostSummary>(cancellationToken, counted))
        {
            if (post.ContentVersion == 0)
            {
                continue; // counts that came before their post: no page shows it yet
            }
            var counts = new { postId = post.Id, views = post.Views, likes = post.Likes, comments = post.Comments, locked = post.Locked, deleted = post.Deleted };
            changes.Add(Change(PostTopic(post.Id), "counts", counts));
            changes.Add(Change(BoardTopic(post.Board), "counts", counts));
        }
        return changes;
    }

    public static string PostTopic(Guid postId) => $"post:{postId}";

    public static string BoardTopic(string slug) => $"board:{slug}";

    private static LiveChange Change(string topic, string kind, object payload) => new(0, topic, kind, JsonSerializer.Serialize(payload, Json));

    private static Guid PostIdOf(object message) => message switch
    {
        PostEdited e => e.PostId,
        PostDeleted e => e.PostId,
        PostLockChanged e => e.PostId,
        PostPinChanged e => e.PostId,
        PostVisibilityChanged e => e.PostId,
        _ => throw new ArgumentException($"{message.GetType().Name} is not a post event.", nameof(message)),
    };
}
