using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;
using Xunit.Abstractions;

namespace Forum.System.Tests.Tracing;

/// <summary>The whole forum, as processes, exporting its traces over OTLP to a receiver in the test.</summary>
public sealed class TracedForum : ForumSystem
{
    public OtlpTraceReceiver Receiver { get; } = new();

    protected override IReadOnlyDictionary<string, string> EveryServiceSettings => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Receiver.Endpoint.ToString(),
        // Every trace kept: these tests follow particular requests.
        ["Forum__Tracing__SampleRate"] = "1",
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        // Export spans soon after they end, so the test does not wait for the default 5 s batch.
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

/// <summary>
/// An operator follows one comment through the system in one trace: the gateway's request, its
/// proxied call, the comments service's handler, the append to PostgreSQL, the forwarder's
/// publish and the gateway's projection of the event.
/// </summary>
public sealed class Following_a_comment_in_one_trace(TracedForum forum, ITestOutputHelper output) : IClassFixture<TracedForum>
{
    [Fact]
    public async Task A_comment_through_the_gateway_is_one_trace_from_the_request_to_the_projection()
    {
        await forum.CreateBoardAsync("dau-vet", "Dấu vết");
        var writer = await forum.SignUpAsync("người_theo_dấu");
        var published = await writer.PostAsJsonAsync("/api/posts", new { board = "dau-vet", title = "Theo dấu một bình luận", body = "Một dấu vết duy nhất." });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var postId = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var commented = await writer.PostAsJsonAsync($"/api/posts/{postId}/comments", new { body = "Bình luận được theo dấu." });
        Assert.True(commented.StatusCode == HttpStatusCode.Created, $"{commented.StatusCode}: {await commented.Content.ReadAsStringAsync()}");
        var commentPath = $"/api/posts/{postId}/comments";

        // The gateway's span of this request starts the trace.
        var request = await Eventually.ValueAsync(
            () => Task.FromResult(forum.Receiver.Spans.FirstOrDefault(s =>
                s.Service == "gateway" && s.Kind == SpanKind.Server && s.Attribute("url.path") == commentPath)),
            TimeSpan.FromSeconds(30), "the gateway's span of the comment request");
        var traceId = request.TraceId;

        // Each service exports its spans in its own batches, in the order they end: wait until the
        // last to end in each process are in (the comments handler, which may end after the
        // forwarder has published, the gateway's proxied call, the publish, and the gateway's
        // projection), then read it.
        var trace = await Eventually.ValueAsync(
            () => Task.FromResult(forum.Receiver.Spans.Where(s => s.TraceId == traceId).ToList()),
            spans => spans.Any(s => s.Service == "comments" && s.Kind == SpanKind.Server)
                && spans.Any(s => s.Service == "gateway" && s.Kind == SpanKind.Client && s.Attribute("url.full").EndsWith(commentPath, StringComparison.Ordinal))
                && spans.Any(s => s.Service == "comments" && s.Scope == "MassTransit" && s.Kind == SpanKind.Producer)
                && spans.Any(s => s.Service == "gateway" && s.Kind == SpanKind.Consumer && s.Name.EndsWith(" receive", StringComparison.Ordinal))
                && spans.Any(s => s.Service == "gateway" && s.Attribute("db.statement").StartsWith("insert into forum.mt_doc_commentview", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the trace to reach the gateway's projection");
        foreach (var span in trace)
        {
            output.WriteLine($"{span}  {string.Join(", ", span.Attributes.Select(a => $"{a.Key}={a.Value}"))}");
        }

        var proxied = Assert.Single(trace, s => s.Service == "gateway" && s.Kind == SpanKind.Client && s.Attribute("url.full").EndsWith(commentPath, StringComparison.Ordinal));
        Assert.StartsWith(forum.Comments.BaseAddress.ToString().TrimEnd('/'), proxied.Attribute("url.full"));
        var handler = Assert.Single(trace, s => s.Service == "comments" && s.Kind == SpanKind.Server && s.Attribute("url.path") == commentPath);
        Assert.Equal(proxied.SpanId, handler.ParentSpanId);
        Assert.True(IsBelow(trace, proxied, request), "the proxied call is not part of the gateway's request");

        // The append: Marten's one round trip that stores the event (and wakes the forwarder).
        Assert.Contains(trace, s => s.Service == "comments" && s.Scope == "Npgsql"
            && s.Attribute("db.statement").Contains("mt_quick_append_events", StringComparison.Ordinal) && IsBelow(trace, s, handler));

        // The forwarder publishes later, on its own, under the trace context stored with the event.
        var forward = Assert.Single(trace, s => s.Service == "comments" && s.Scope == "Forum" && s.Kind == SpanKind.Producer && s.Name == "forward CommentAdded");
        Assert.True(IsBelow(trace, forward, handler), "the forwarder's span does not continue the request's trace");
        var publish = Assert.Single(trace, s => s.Service == "comments" && s.Scope == "MassTransit" && s.Kind == SpanKind.Producer
            && s.Attribute("messaging.destination.name") == "Forum.Contracts.Comments:CommentAdded");
        Assert.Equal(forward.SpanId, publish.ParentSpanId);

        // The gateway receives it and projects it into its read model.
        var receive = Assert.Single(trace, s => s.Service == "gateway" && s.Kind == SpanKind.Consumer && s.Attribute("messaging.destination.name") == "gateway-comment-projector");
        Assert.Equal(publish.SpanId, receive.ParentSpanId);
        Assert.Contains(trace, s => s.Service == "gateway" && s.Scope == "Npgsql"
            && s.Attribute("db.statement").Contains("mt_doc_commentview", StringComparison.Ordinal)
            && s.Attribute("db.statement").StartsWith("insert", StringComparison.Ordinal) && IsBelow(trace, s, receive));
    }

    /// <summary>True when <paramref name="span"/> descends from <paramref name="ancestor"/> through spans of the trace.</summary>
    private static bool IsBelow(List<ReceivedSpan> trace, ReceivedSpan span, ReceivedSpan ancestor)
    {
        var bySpanId = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        for (var current = span; bySpanId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
        {
            if (parent.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }
        return false;
    }
}
