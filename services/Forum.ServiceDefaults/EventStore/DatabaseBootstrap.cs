using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Forum.ServiceDefaults.EventStore;

/// <summary>
/// Creates the service's database when it does not exist yet, so a fresh PostgreSQL server is
/// enough to start the forum. Marten then creates its tables inside it.
/// </summary>
internal sealed class DatabaseBootstrap(string connectionString, ILogger<DatabaseBootstrap> logger) : IHostedService
{
    private const string DuplicateDatabase = "42P04";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? throw new InvalidOperationException("The connection string names no database.");
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };

        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection) { Parameters = { new() { Value = database } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }
        try
        {
            var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var create = new NpgsqlCommand($"create database {quoted} encoding 'UTF8' template template0", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            logger.LogInformation("Created database {Database}", database);
        }
        catch (PostgresException e) when (e.SqlState == DuplicateDatabase)
        {
            // Another replica created it a moment ago.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
