using System.Diagnostics;
using Npgsql;

namespace Forum.Bench.Scenarios;

/// <summary>
/// The reference for anything that reads the whole history: PostgreSQL reading every service's
/// events table alone, in the same run.
/// </summary>
public static class EventHistory
{
    /// <summary>How many events the services hold, and how many a second PostgreSQL reads them at.</summary>
    public static async Task<(long Events, double PerSecond)> ReadAllAsync(RunContext run)
    {
        var events = 0L;
        var reading = Stopwatch.StartNew();
        foreach (var service in new[] { "posts", "comments", "engagement" })
        {
            await using var connection = new NpgsqlConnection(run.Forum.DatabaseConnection(service));
            await connection.OpenAsync(run.Cancellation);
            await using var command = new NpgsqlCommand("select count(*), sum(length(data::text)) from forum.mt_events", connection);
            await using var reader = await command.ExecuteReaderAsync(run.Cancellation);
            await reader.ReadAsync(run.Cancellation);
            events += reader.GetInt64(0);
        }
        return (events, events / reading.Elapsed.TotalSeconds);
    }
}
