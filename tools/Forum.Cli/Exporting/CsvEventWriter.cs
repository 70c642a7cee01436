using System.Globalization;
using System.Text;

namespace Forum.Cli.Exporting;

/// <summary>RFC 4180 CSV with a header row; data and metadata are JSON text in their cells.</summary>
public sealed class CsvEventWriter : IEventWriter
{
    public const string Header = "service,sequence,event_id,stream_id,version,type,time,data,metadata";
    private readonly StreamWriter _writer;

    public CsvEventWriter(Stream output)
    {
        _writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true) { NewLine = "\r\n" };
        _writer.WriteLine(Header);
    }

    public async Task WriteAsync(StoredEvent stored, CancellationToken cancellationToken)
    {
        string[] cells =
        [
            stored.Service,
            stored.Sequence.ToString(CultureInfo.InvariantCulture),
            stored.EventId.ToString(),
            stored.StreamId.ToString(),
            stored.Version.ToString(CultureInfo.InvariantCulture),
            stored.Type,
            stored.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            stored.Data,
            stored.Metadata,
        ];
        await _writer.WriteLineAsync(string.Join(',', cells.Select(Quote)).AsMemory(), cancellationToken);
    }

    /// <summary>A cell is quoted when it holds a comma, a quote or a line break; quotes inside are doubled.</summary>
    public static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    public Task CompleteAsync(CancellationToken cancellationToken) => _writer.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
