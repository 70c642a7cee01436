using System.Text;
using System.Text.Json;

namespace Forum.Cli.Exporting;

/// <summary>One JSON object a line: the feed's line with the service added; data and metadata as the service sent them.</summary>
public sealed class NdjsonEventWriter(Stream output) : IEventWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Utf8JsonWriter _json = new(output, Options);

    public async Task WriteAsync(StoredEvent stored, CancellationToken cancellationToken)
    {
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteString("service", stored.Service);
        _json.WriteNumber("sequence", stored.Sequence);
        _json.WriteString("eventId", stored.EventId);
        _json.WriteString("streamId", stored.StreamId);
        _json.WriteNumber("version", stored.Version);
        _json.WriteString("type", stored.Type);
        _json.WriteString("time", stored.Time);
        _json.WritePropertyName("data");
        _json.WriteRawValue(stored.Data, skipInputValidation: true);
        _json.WritePropertyName("metadata");
        _json.WriteRawValue(stored.Metadata, skipInputValidation: true);
        _json.WriteEndObject();
        await _json.FlushAsync(cancellationToken);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    public Task CompleteAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _json.DisposeAsync();
}
