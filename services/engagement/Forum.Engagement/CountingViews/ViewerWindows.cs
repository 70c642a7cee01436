using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Forum.Engagement.CountingViews;

/// <summary>
/// The viewer windows: when each viewer was last counted on each post, in a plain table rather
/// than as Marten documents. A batch of thousands of hits on hundreds of posts reads its windows
/// in one statement and writes them in two, where documents took a statement (and a JSON
/// document) each: every hit of a new reader writes one. The statements run in the batch's own
/// transaction, the one its events and its batch id are committed in.
/// </summary>
public static class ViewerWindows
{
    public const string TableName = "viewer_windows";

    /// <summary>The table, created and kept up by Marten with the rest of the service's schema.</summary>
    public static Table Definition(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn<Guid>("post_id").NotNull();
        // Housekeeping removes the windows long expired by this column.
        table.AddColumn<DateTimeOffset>("last_counted_at").NotNull().AddIndex();
        return table;
    }

    /// <summary>When each of these windows last counted its viewer; windows never opened are absent.</summary>
    public static async Task<Dictionary<Guid, DateTimeOffset>> LastCountedAsync(
        NpgsqlConnection connection, string schema, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select id, last_counted_at from {schema}.{TableName} where id = any($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        var windows = new Dictionary<Guid, DateTimeOffset>(ids.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            windows[reader.GetGuid(0)] = reader.GetFieldValue<DateTimeOffset>(1);
        }
        return windows;
    }

    /// <summary>
    /// Records the windows a batch opened. Each must still be as the batch read it (absent, or
    /// last counted when <paramref name="read"/> says): a window another batch opened or moved
    /// meanwhile means this batch counted against a stale picture, and it throws
    /// <see cref="ViewerWindowsChangedException"/> so that the batch is counted again from the start.
    /// </summary>
    public static async Task OpenAsync(
        NpgsqlConnection connection, string schema, IReadOnlyList<ViewerWindow> opened, IReadOnlyDictionary<Guid, DateTimeOffset> read,
        CancellationToken cancellationToken)
    {
        var moved = opened.Where(w => read.ContainsKey(w.Id)).ToList();
        var fresh = opened.Where(w => !read.ContainsKey(w.Id)).ToList();
        await using var batch = new NpgsqlBatch(connection);
        if (moved.Count > 0)
        {
            batch.BatchCommands.Add(Command($"""
                update {schema}.{TableName} w set last_counted_at = o.at
                from unnest($1, $2, $3) as o(id, at, read)
                where w.id = o.id and w.last_counted_at = o.read
                """,
                Uuids(moved.Select(w => w.Id)), Times(moved.Select(w => w.LastCountedAt)), Times(moved.Select(w => read[w.Id]))));
        }
        if (fresh.Count > 0)
        {
            batch.BatchCommands.Add(Command($"""
                insert into {schema}.{TableName} (id, post_id, last_counted_at)
                select * from unnest($1, $2, $3)
                on conflict (id) do nothing
                """,
                Uuids(fresh.Select(w => w.Id)), Uuids(fresh.Select(w => w.PostId)), Times(fresh.Select(w => w.LastCountedAt))));
        }
        if (batch.BatchCommands.Count == 0)
        {
            return;
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (batch.BatchCommands.Cast<NpgsqlBatchCommand>().Sum(c => c.RecordsAffected) != opened.Count)
        {
            throw new ViewerWindowsChangedException();
        }
    }

    /// <summary>Removes the windows last counted before <paramref name="before"/>.</summary>
    public static async Task<int> RemoveExpiredAsync(NpgsqlConnection connection, string schema, DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"delete from {schema}.{TableName} where last_counted_at < $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = before.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Uuids(IEnumerable<Guid> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid };

    private static NpgsqlParameter Times(IEnumerable<DateTimeOffset> values) =>
        new() { Value = values.Select(v => v.ToUniversalTime()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz };
}

/// <summary>Another batch opened or moved one of this batch's viewer windows after this batch read it.</summary>
public sealed class ViewerWindowsChangedException()
    : Exception("Another batch counted one of these viewers on the same post meanwhile; the batch is counted again.");
