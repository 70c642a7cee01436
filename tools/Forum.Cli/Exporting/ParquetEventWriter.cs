using Parquet;
using Parquet.Schema;

namespace Forum.Cli.Exporting;

/// <summary>
/// Parquet with typed columns, as DuckDB, pandas and Spark read them: sequence and version as
/// int64, time as a UTC timestamp (microseconds, as PostgreSQL keeps it), ids, type and service
/// as strings, data and metadata as JSON text. Rows are written in row groups of bounded size,
/// so memory stays flat however long the history.
/// </summary>
public sealed class ParquetEventWriter(Stream output) : IEventWriter
{
    public const int RowGroupRows = 10_000;
    private const long RowGroupBytes = 32 * 1024 * 1024;

    public static readonly DataField<long> Sequence = new("sequence");
    public static readonly DataField<string> EventId = new("event_id");
    public static readonly DataField<string> StreamId = new("stream_id");
    public static readonly DataField<long> Version = new("version");
    public static readonly DataField<string> Type = new("type");
    public static readonly DateTimeDataField Time = new("time", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros);
    public static readonly DataField<string> Service = new("service");
    public static readonly DataField<string> Data = new("data");
    public static readonly DataField<string> Metadata = new("metadata");

    public static readonly ParquetSchema Schema = new(Sequence, EventId, StreamId, Version, Type, Time, Service, Data, Metadata);

    private readonly List<StoredEvent> _rows = [];
    private long _bytes;
    private ParquetWriter? _writer;

    public async Task WriteAsync(StoredEvent stored, CancellationToken cancellationToken)
    {
        _rows.Add(stored);
        _bytes += (stored.Data.Length + stored.Metadata.Length) * sizeof(char);
        if (_rows.Count >= RowGroupRows || _bytes >= RowGroupBytes)
        {
            await FlushAsync(cancellationToken);
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        // A file with no rows still has its schema, so readers see an empty table, not an error.
        if (_rows.Count > 0 || _writer is null)
        {
            await FlushAsync(cancellationToken);
        }
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
            _writer = null;
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        _writer ??= await ParquetWriter.CreateAsync(Schema, output, cancellationToken: cancellationToken);
        using (var group = _writer.CreateRowGroup())
        {
            await group.WriteAsync<long>(Sequence, new ReadOnlyMemory<long>(_rows.Select(r => r.Sequence).ToArray()), cancellationToken: cancellationToken);
            await group.WriteAsync(EventId, _rows.Select(r => r.EventId.ToString()).ToArray());
            await group.WriteAsync(StreamId, _rows.Select(r => r.StreamId.ToString()).ToArray());
            await group.WriteAsync<long>(Version, new ReadOnlyMemory<long>(_rows.Select(r => r.Version).ToArray()), cancellationToken: cancellationToken);
            await group.WriteAsync(Type, _rows.Select(r => r.Type).ToArray());
            await group.WriteAsync<DateTime>(Time, new ReadOnlyMemory<DateTime>(_rows.Select(r => r.Time.UtcDateTime).ToArray()), cancellationToken: cancellationToken);
            await group.WriteAsync(Service, _rows.Select(r => r.Service).ToArray());
            await group.WriteAsync(Data, _rows.Select(r => r.Data).ToArray());
            await group.WriteAsync(Metadata, _rows.Select(r => r.Metadata).ToArray());
        }
        _rows.Clear();
        _bytes = 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }
    }
}
