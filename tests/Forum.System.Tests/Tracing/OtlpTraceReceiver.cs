using System.Collections.Concurrent;
using System.Net;
using Forum.Testing;
using Google.Protobuf;

namespace Forum.System.Tests.Tracing;

/// <summary>One span as a service exported it.</summary>
public sealed record ReceivedSpan(
    string Service, string TraceId, string SpanId, string ParentSpanId, string Name, SpanKind Kind, string Scope,
    IReadOnlyDictionary<string, string> Attributes)
{
    public string Attribute(string name) => Attributes.GetValueOrDefault(name, "");

    public override string ToString() => $"{Service} {Kind} \"{Name}\" ({Scope}) {SpanId} ← {ParentSpanId}";
}

/// <summary>The OTLP span kinds (opentelemetry/proto/trace/v1/trace.proto).</summary>
public enum SpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}

/// <summary>
/// A small OTLP/HTTP receiver: the services run as processes and export their telemetry here as
/// they would to a collector (OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf). Traces are decoded and
/// kept; metrics and logs are accepted and dropped.
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly Task _serving;

    public OtlpTraceReceiver()
    {
        Port = ServiceProcess.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    public IReadOnlyList<ReceivedSpan> Spans => [.. _spans];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return; // stopped
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.Url!.AbsolutePath == "/v1/traces")
            {
                foreach (var span in ReadTraces(body.ToArray()))
                {
                    _spans.Enqueue(span);
                }
            }
            // An empty Export*ServiceResponse: everything accepted.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    // Field numbers from opentelemetry/proto: ExportTraceServiceRequest.resource_spans = 1;
    // ResourceSpans.resource = 1, scope_spans = 2; Resource.attributes = 1; ScopeSpans.scope = 1,
    // spans = 2; InstrumentationScope.name = 1; Span.trace_id = 1, span_id = 2, parent_span_id = 4,
    // name = 5, kind = 6, attributes = 9; KeyValue.key = 1, value = 2; AnyValue.string_value = 1,
    // bool_value = 2, int_value = 3, double_value = 4.
    private static IEnumerable<ReceivedSpan> ReadTraces(byte[] request)
    {
        foreach (var resourceSpans in Fields(request).Where(f => f.Number == 1).Select(f => f.Bytes))
        {
            var fields = Fields(resourceSpans).ToList();
            var resource = fields.Where(f => f.Number == 1).SelectMany(f => Attributes(f.Bytes)).ToDictionary(a => a.Key, a => a.Value);
            var service = resource.GetValueOrDefault("service.name", "");
            foreach (var scopeSpans in fields.Where(f => f.Number == 2).Select(f => f.Bytes))
            {
                var scopeFields = Fields(scopeSpans).ToList();
                var scope = scopeFields.Where(f => f.Number == 1).Select(f => Fields(f.Bytes).FirstOrDefault(s => s.Number == 1).Text).FirstOrDefault() ?? "";
                foreach (var span in scopeFields.Where(f => f.Number == 2).Select(f => Fields(f.Bytes).ToList()))
                {
                    yield return new ReceivedSpan(
                        service,
                        Hex(span, 1), Hex(span, 2), Hex(span, 4),
                        span.FirstOrDefault(f => f.Number == 5).Text ?? "",
                        (SpanKind)span.FirstOrDefault(f => f.Number == 6).Varint,
                        scope,
                        span.Where(f => f.Number == 9).Select(f => Attribute(f.Bytes)).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.Last().Value));
                }
            }
        }
    }

    private static string Hex(List<Field> fields, int number) =>
        Convert.ToHexStringLower(fields.FirstOrDefault(f => f.Number == number).Bytes ?? []);

    private static IEnumerable<KeyValuePair<string, string>> Attributes(byte[]? resource) =>
        Fields(resource).Where(f => f.Number == 1).Select(f => Attribute(f.Bytes));

    private static KeyValuePair<string, string> Attribute(byte[]? keyValue)
    {
        var fields = Fields(keyValue).ToList();
        var key = fields.FirstOrDefault(f => f.Number == 1).Text ?? "";
        var value = fields.FirstOrDefault(f => f.Number == 2).Bytes is { } anyValue
            ? Fields(anyValue).Select(v => v.Number switch
            {
                1 => v.Text,
                2 or 3 => v.Varint.ToString(global::System.Globalization.CultureInfo.InvariantCulture),
                4 => BitConverter.Int64BitsToDouble((long)v.Varint).ToString(global::System.Globalization.CultureInfo.InvariantCulture),
                _ => "",
            }).FirstOrDefault() ?? ""
            : "";
        return new(key, value ?? "");
    }

    private readonly record struct Field(int Number, ulong Varint, byte[]? Bytes)
    {
        public string? Text => Bytes is null ? null : global::System.Text.Encoding.UTF8.GetString(Bytes);
    }

    /// <summary>The fields of one protobuf message, in order, with nested messages as bytes.</summary>
    private static IEnumerable<Field> Fields(byte[]? message)
    {
        var input = new CodedInputStream(message ?? []);
        var fields = new List<Field>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            switch (WireFormat.GetTagWireType(tag))
            {
                case WireFormat.WireType.Varint:
                    fields.Add(new Field(number, input.ReadUInt64(), null));
                    break;
                case WireFormat.WireType.LengthDelimited:
                    fields.Add(new Field(number, 0, input.ReadBytes().ToByteArray()));
                    break;
                case WireFormat.WireType.Fixed64:
                    fields.Add(new Field(number, input.ReadFixed64(), null));
                    break;
                case WireFormat.WireType.Fixed32:
                    fields.Add(new Field(number, input.ReadFixed32(), null));
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        return fields;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
