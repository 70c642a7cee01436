using Forum.Gateway.ReadModels.Search;
using Forum.EventSourcing;
using Marten;
using Npgsql;
using JasperFx;

namespace Forum.Gateway.ReadModels.Rebuilding;

/// <summary>
/// Where a rebuild writes, and how it is swapped in. The read models are rebuilt in the schema
/// <c>forum_rebuild</c> with the very document mappings of the live ones; the swap moves the live
/// tables to <c>forum_retired</c> and the rebuilt ones into <c>forum</c>, in one transaction, so a
/// reader sees the old read models or the new ones and never an empty page. The retired tables
/// are kept until the next swap, for comparison or to move back by hand.
/// </summary>
public sealed class RebuildSchema(IConfiguration configuration, ILogger<RebuildSchema> logger) : IAsyncDisposable
{
    public const string Live = "forum";
    public const string Aside = "forum_rebuild";
    public const string Retired = "forum_retired";

    private readonly Lock _lock = new();
    private (int Generation, DocumentStore Store)? _current;

    private string ConnectionString => configuration.GetConnectionString("gateway-db")
        ?? throw new InvalidOperationException("ConnectionStrings:gateway-db is not set.");

    /// <summary>
    /// A store over the rebuild's schema for a generation, made once per replica. It never creates
    /// tables itself: after the swap its tables are gone, and a late write must fail (and be retried
    /// live) rather than quietly fill a schema nobody reads.
    /// </summary>
    public IDocumentStore StoreFor(int generation)
    {
        lock (_lock)
        {
            if (_current is { } current && current.Generation == generation)
            {
                return current.Store;
            }
            // A connection string of its own per generation: Marten keeps one pool per connection
            // string, and disposing the previous generation's store must not close this one's.
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = $"forum-rebuild-{generation}" }.ConnectionString;
            var store = DocumentStore.For(options =>
            {
                options.UseForumConventions(connection, Aside);
                options.AutoCreateSchemaObjects = AutoCreate.None;
                ReadModelProjection.RegisterDocuments(options);
            });
            var previous = _current;
            _current = (generation, store);
            previous?.Store.Dispose();
            return store;
        }
    }

    /// <summary>Forgets the rebuild's store once no rebuild runs.</summary>
    public void Release()
    {
        lock (_lock)
        {
            _current?.Store.Dispose();
            _current = null;
        }
    }

    /// <summary>
    /// An empty rebuild schema with every read-model table, ready to be filled. Indexes that only
    /// readers use (the search table's and the board listings') are left out and returned, to be
    /// built once the tables are full (<see cref="CompleteAsync"/>): kept up row by row they cost
    /// most of a rebuild's writes. The projections themselves read by primary key, and comments by
    /// post, which stays indexed.
    /// </summary>
    public async Task<IReadOnlyList<string>> PrepareAsync(IDocumentStore aside, CancellationToken cancellationToken)
    {
        await ExecuteAsync($"drop schema if exists {Aside} cascade; create schema {Aside};", cancellationToken);
        await aside.Storage.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate);
        await ExecuteAsync(SearchSchema.TableOnlyDdl(Aside), cancellationToken);
        var postTable = aside.Options.FindOrResolveDocumentType(typeof(Posts.PostSummary)).TableName.Name;
        var deferred = new List<string>();
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                """
                select i.relname, pg_get_indexdef(i.oid)
                from pg_index x
                join pg_class i on i.oid = x.indexrelid
                join pg_class t on t.oid = x.indrelid
                join pg_namespace n on n.oid = t.relnamespace
                where n.nspname = @schema and t.relname = @table and not x.indisprimary and not x.indisunique
                """, connection);
            command.Parameters.AddWithValue("schema", Aside);
            command.Parameters.AddWithValue("table", postTable);
            var names = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    names.Add(reader.GetString(0));
                    deferred.Add(reader.GetString(1));
                }
            }
            if (names.Count > 0)
            {
                await using var drop = new NpgsqlCommand(string.Join(";", names.Select(name => $"drop index {Aside}.{name}")), connection);
                await drop.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        deferred.InsertRange(0, SearchSchema.IndexStatements(Aside));
        logger.LogInformation("Prepared the empty read models in {Schema}; {Indexes} indexes are built at the end.", Aside, deferred.Count);
        return deferred;
    }

    /// <summary>
    /// Builds the indexes <see cref="PrepareAsync"/> left out, once the rebuilt tables are full: two
    /// at a time (a build keeps one of PostgreSQL's cores busy), each with more memory to sort in
    /// than the default 64 MB, so the trigram index over the posts' bodies is built without
    /// spilling to disk.
    /// </summary>
    public async Task CompleteAsync(IReadOnlyList<string> deferredIndexes, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(deferredIndexes, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken },
            async (index, token) => await ExecuteAsync($"set local maintenance_work_mem = '256MB';\n{index}", token));
        logger.LogInformation("Built the read models' indexes in {Schema} in {Elapsed}.", Aside, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The rebuilt tables take the live ones' place; the live ones retire.</summary>
    public async Task SwapAsync(IDocumentStore aside, CancellationToken cancellationToken)
    {
        var tables = ReadModelProjection.DocumentTypes.Select(type => aside.Options.FindOrResolveDocumentType(type).TableName.Name).Append(SearchSchema.TableName).ToList();
        var moves = string.Join("\n", tables.Select(table => $"""
            alter table {Live}.{table} set schema {Retired};
            alter table {Aside}.{table} set schema {Live};
            """));
        await ExecuteAsync($"""
            select pg_advisory_xact_lock(hashtext('forum.read-model-swap'));
            drop schema if exists {Retired} cascade;
            create schema {Retired};
            {moves}
            """, cancellationToken);
        logger.LogInformation("Swapped in the rebuilt read models: {Tables}.", string.Join(", ", tables));
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        Release();
        return ValueTask.CompletedTask;
    }
}
