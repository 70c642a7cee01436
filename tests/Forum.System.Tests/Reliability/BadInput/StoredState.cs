using Npgsql;

namespace Forum.System.Tests.Reliability.BadInput;

/// <summary>
/// How many rows every table of every database of the forum holds: each service's stored events
/// (<c>mt_events</c>), its documents and uploads, and the gateway's accounts and read models.
/// Refused requests leave every count as it was.
/// </summary>
public static class StoredState
{
    public static async Task<SortedDictionary<string, long>> CountAsync(IReadOnlyDictionary<string, string> databases)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (service, connectionString) in databases)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var tables = new List<string>();
            // Not the gateway's rate-limit allowances: a refused sign-in is meant to use one up
            // (guessing is what that limit is for); what they hold is tested with the limits. Nor
            // members' reading positions: a malformed query on a post a member can read is still
            // answered with the post, which they have then read (tested in Reading_what_is_new).
            await using (var list = new NpgsqlCommand("select quote_ident(schemaname) || '.' || quote_ident(relname) from pg_stat_user_tables where relname not in ('allowances', 'read_positions') order by 1", connection))
            await using (var reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }
            foreach (var table in tables)
            {
                await using var count = new NpgsqlCommand($"select count(*) from {table}", connection);
                counts[$"{service}: {table}"] = (long)(await count.ExecuteScalarAsync())!;
            }
        }
        return counts;
    }

    /// <summary>The counts once two readings a second apart agree: events still travelling to consumers have arrived.</summary>
    public static async Task<SortedDictionary<string, long>> SettledAsync(IReadOnlyDictionary<string, string> databases)
    {
        var previous = await CountAsync(databases);
        for (var attempt = 0; attempt < 30; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var current = await CountAsync(databases);
            if (current.SequenceEqual(previous))
            {
                return current;
            }
            previous = current;
        }
        return previous;
    }

    public static IEnumerable<string> Differences(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Select(table => (table, was: before.GetValueOrDefault(table), now: after.GetValueOrDefault(table)))
            .Where(row => row.was != row.now)
            .Select(row => $"{row.table}: {row.was} → {row.now}");
}
