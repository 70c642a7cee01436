using Marten;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Forum.Posts.Uploads;

/// <summary>An image as stored: the WebP bytes, served as they are.</summary>
public sealed record StoredUpload(string Hash, byte[] Content, int Width, int Height);

/// <summary>
/// Uploaded images live in the posts database (<c>forum.uploads</c>), keyed by the SHA-256 of
/// their WebP bytes, so every replica of the service serves every image and an image uploaded
/// twice is stored once.
/// </summary>
public sealed class UploadStore(NpgsqlDataSource dataSource, IDocumentStore store)
{
    public const string TableName = "uploads";

    private readonly string _table = $"{store.Options.DatabaseSchemaName}.{TableName}";

    /// <summary>The table, as a schema object that Marten creates and migrates with its own.</summary>
    public static Table Table(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, TableName, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn("hash", "text").AsPrimaryKey();
        table.AddColumn("content", "bytea").NotNull();
        table.AddColumn<int>("width").NotNull();
        table.AddColumn<int>("height").NotNull();
        table.AddColumn("uploaded_by", "text").NotNull();
        table.AddColumn("uploaded_at", "timestamptz").NotNull();
        return table;
    }

    /// <summary>Stores the image unless it is already there; true if it was new.</summary>
    public async Task<bool> SaveAsync(AcceptedImage image, string uploadedBy, DateTimeOffset uploadedAt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"insert into {_table} (hash, content, width, height, uploaded_by, uploaded_at) values ($1, $2, $3, $4, $5, $6) on conflict (hash) do nothing");
        command.Parameters.Add(new NpgsqlParameter { Value = image.Hash, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = image.WebP, NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = image.Width, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = image.Height, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = uploadedBy, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = uploadedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<StoredUpload?> FindAsync(string hash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select content, width, height from {_table} where hash = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = hash, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new StoredUpload(hash, reader.GetFieldValue<byte[]>(0), reader.GetInt32(1), reader.GetInt32(2));
    }
}
