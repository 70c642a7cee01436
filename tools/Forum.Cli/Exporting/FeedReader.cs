using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Forum.Cli.Connecting;

namespace Forum.Cli.Exporting;

/// <summary>
/// Reads one service's event feed through the gateway, page after page. The next page is asked
/// for as soon as the last one has arrived, and comes while that one is handed on: memory holds
/// two pages at most, however long the history.
/// </summary>
public sealed class FeedReader(GatewayClient gateway, string service, int pageSize = FeedReader.DefaultPageSize)
{
    public const int DefaultPageSize = 5_000;

    /// <summary>The highest sequence the service had stored when the last page was asked for, if it said.</summary>
    public long? LastSequence { get; private set; }

    public string Service => service;

    public async IAsyncEnumerable<StoredEvent> ReadAsync(long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = await ReadPageAsync(after, cancellationToken);
        while (true)
        {
            // The feed fills a page unless it has reached the end of the log.
            var next = page.Count == pageSize ? ReadPageAsync(page[^1].Sequence, cancellationToken) : null;
            try
            {
                foreach (var stored in page)
                {
                    yield return stored;
                }
            }
            finally
            {
                // Left early (a failure downstream): the page on its way is not waited for, and its failure is not left unobserved.
                _ = next?.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
            if (next is null)
            {
                yield break;
            }
            page = await next;
        }
    }

    private async Task<List<StoredEvent>> ReadPageAsync(long after, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            string.Create(CultureInfo.InvariantCulture, $"/api/admin/events/{service}?after={after}&limit={pageSize}"));
        using var response = await gateway.SendAsync(request, $"reading the {service} events", cancellationToken);
        if (response.Headers.TryGetValues(FeedHeaders.LastSequence, out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var last))
        {
            LastSequence = last;
        }
        var page = new List<StoredEvent>(pageSize);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                page.Add(Parse(service, line));
            }
        }
        return page;
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
