using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Tracing;

/// <summary>The forum as containers run it: console logs as JSON, one object a line.</summary>
public sealed class JsonLoggingForum : ForumSystem
{
    protected override IReadOnlyDictionary<string, string> EveryServiceSettings => new Dictionary<string, string>
    {
        ["Forum__Logging__Json"] = "true",
    };
}

/// <summary>
/// An operator follows a failing request from its log line to its trace: every line logged
/// while handling a request is structured and names the trace it belongs to.
/// </summary>
public sealed class Logs_carry_the_trace(JsonLoggingForum forum) : IClassFixture<JsonLoggingForum>
{
    [Fact]
    public async Task A_board_created_through_the_gateway_is_logged_as_json_with_the_trace_id_the_caller_sent()
    {
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/boards")
        {
            Content = JsonContent.Create(new { slug = "nhat-ky", name = "Nhật ký", description = "Bảng có dấu vết" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        var answer = await forum.Admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);

        var lines = await Eventually.ValueAsync(
            () => Task.FromResult(LinesWith(forum.Logs, traceId)), found => found.Count > 0, what: "a log line with the trace id");
        Assert.True(lines.Count > 0, string.Join("\n", forum.Logs.Split('\n').Where(l => l.Contains("TraceId")).Take(5)));
        var created = lines.Where(line => line.GetProperty("Category").GetString()!.StartsWith("Forum.Posts", StringComparison.Ordinal)).ToList();
        Assert.True(created.Count > 0, string.Join("\n", lines));
        Assert.All(created, line =>
        {
            Assert.Equal("nhat-ky", line.GetProperty("State").GetProperty("Slug").GetString());
            Assert.True(line.TryGetProperty("Timestamp", out _), line.ToString());
        });
    }

    /// <summary>The JSON log lines, of any process, whose scopes name the trace.</summary>
    private static List<JsonElement> LinesWith(string logs, string traceId) =>
        logs.Split('\n')
            .Select(line => line.IndexOf('{') is var start and >= 0 ? line[start..] : null)
            .Where(json => json is not null && json.Contains(traceId, StringComparison.Ordinal))
            .Select(json => { try { return (JsonElement?)JsonDocument.Parse(json!).RootElement.Clone(); } catch (JsonException) { return null; } })
            .Where(element => element is { } e && e.TryGetProperty("Scopes", out var scopes)
                && scopes.EnumerateArray().Any(scope => scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("TraceId", out var id) && id.GetString() == traceId))
            .Select(element => element!.Value)
            .ToList();
}
