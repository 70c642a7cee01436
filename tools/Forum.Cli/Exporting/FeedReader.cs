using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Forum.Cli.Connecting;

namespace Forum.Cli.Exporting;

/// <summary>
/// Reads one service's event feed through the gateway, page after page, one event at a time:
/// memory holds one line, however long the history.
/// </summary>
public sealed class FeedReader(GatewayClient gateway, string service, int pageSize = FeedReader.DefaultPageSize)
{
    public const int DefaultPageSize = 5_000;

    /// <summary>The highest sequence the service had stored when the last page was asked for, if it said.</summary>
    public long? LastSequence { get; private set; }

    public string Service => service;

    public async IAsyncEnumerable<StoredEvent> ReadAsync(long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var position = after;
        while (true)
        {
            var read = 0;
            using var request = new HttpRequestMessage(HttpMethod.Get,
                string.Create(CultureInfo.InvariantCulture, $"/api/admin/events/{service}?after={position}&limit={pageSize}"));
            using var response = await gateway.SendAsync(request, $"reading the {service} events", cancellationToken);
            if (response.Headers.TryGetValues(FeedHeaders.LastSequence, out var values)
                && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var last))
            {
                LastSequence = last;
            }
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(body);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }
                var stored = Parse(service, line);
                position = stored.Sequence;
                read++;
                yield return stored;
            }
            // The feed fills a page unless it has reached the end of the log.
            if (read < pageSize)
            {
                yield break;
            }
        }
    }

    public static StoredEvent Parse(string service, string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return new StoredEvent(
                service,
                root.GetProperty("sequence").GetInt64(),
                root.GetProperty("eventId").GetGuid(),
                root.GetProperty("streamId").GetGuid(),
                root.GetProperty("version").GetInt64(),
                root.GetProperty("type").GetString() ?? "",
                root.GetProperty("time").GetDateTimeOffset().ToUniversalTime(),
                root.GetProperty("data").GetRawText(),
                root.TryGetProperty("metadata", out var metadata) ? metadata.GetRawText() : "null");
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new CliException($"The {service} feed sent a line that is not an event: {exception.Message}");
        }
    }
}

/// <summary>Headers of the services' event feeds.</summary>
public static class FeedHeaders
{
    /// <summary>The highest sequence stored when the page was served: how far an export has to go.</summary>
    public const string LastSequence = "Forum-Last-Sequence";
}
