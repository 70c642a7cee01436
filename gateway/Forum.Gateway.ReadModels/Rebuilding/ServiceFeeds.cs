using System.Runtime.CompilerServices;
using System.Text.Json;
using Forum.Contracts.Posts;
using Forum.EventSourcing;

namespace Forum.Gateway.ReadModels.Rebuilding;

/// <summary>One event of a service's history, in its integration shape.</summary>
public sealed record HistoryEvent(long Sequence, object Event);

/// <summary>
/// Reads a service's stored events from its admin event feed, in order, page after page, as the
/// gateway itself: the same integration events the forwarder publishes. The client of each
/// service's feed (<see cref="HttpClientName"/>) carries the gateway's service token; the host adds it.
/// </summary>
public sealed class ServiceFeeds(IHttpClientFactory clients)
{
    /// <summary>The name of the HTTP client that reads a service's event feed.</summary>
    public static string HttpClientName(string service) => service + "-events";

    public const int PageLimit = 5_000;

    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    private static readonly Dictionary<string, Dictionary<string, Type>> EventTypes =
        typeof(PostPublished).Assembly.GetExportedTypes()
            .Where(type => type.Namespace?.StartsWith("Forum.Contracts.", StringComparison.Ordinal) == true)
            .GroupBy(type => type.Namespace!["Forum.Contracts.".Length..].ToLowerInvariant())
            .ToDictionary(group => group.Key, group => group.ToDictionary(type => type.Name));

    /// <summary>The events after <paramref name="after"/>, to the end of the history; <paramref name="onLastSequence"/> hears how far it reaches.</summary>
    public async IAsyncEnumerable<HistoryEvent> ReadAsync(
        string service, long after, Action<long> onLastSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var types = EventTypes[service];
        using var http = clients.CreateClient(HttpClientName(service));
        http.Timeout = Timeout.InfiniteTimeSpan;
        var position = after;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/admin/events?after={position}&limit={PageLimit}");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            if (response.Headers.TryGetValues(EventFeed.LastSequenceHeader, out var values) && long.TryParse(values.First(), out var last))
            {
                onLastSequence(last);
            }
            var lines = 0;
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(body);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }
                lines++;
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                position = root.GetProperty("sequence").GetInt64();
                var typeName = root.GetProperty("type").GetString()!;
                if (types.TryGetValue(typeName, out var type))
                {
                    yield return new HistoryEvent(position, root.GetProperty("data").Deserialize(type, Json)!);
                }
            }
            if (lines < PageLimit)
            {
                yield break;
            }
        }
    }
}
