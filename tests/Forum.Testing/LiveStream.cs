using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;

namespace Forum.Testing;

/// <summary>One server-sent event as a test reads it.</summary>
public sealed record LiveEvent(string Type, string? Id, JsonElement Data);

/// <summary>
/// A server-sent event stream of the gateway read as a browser's <c>EventSource</c> reads it, in the
/// background, so a test can act and then wait for what an open page would be told.
/// </summary>
public sealed class LiveStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<LiveEvent> _events = Channel.CreateUnbounded<LiveEvent>();
    private readonly Task _reading;

    private LiveStream(HttpResponseMessage response)
    {
        _response = response;
        _reading = Task.Run(ReadAsync);
    }

    public HttpResponseMessage Response => _response;

    /// <summary>Opens the stream at <paramref name="path"/>; with <paramref name="lastEventId"/> as a browser reconnecting.</summary>
    public static async Task<LiveStream> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new LiveStream(response);
    }

    /// <summary>The next event that matches, skipping others (pings among them); fails after the timeout.</summary>
    public async Task<LiveEvent> NextAsync(Func<LiveEvent, bool> matches, TimeSpan? timeout = null, string? what = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? Eventually.DefaultTimeout);
        var skipped = new List<string>();
        try
        {
            while (true)
            {
                var next = await _events.Reader.ReadAsync(deadline.Token);
                if (matches(next))
                {
                    return next;
                }
                skipped.Add($"{next.Type} {next.Data}");
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"No {what ?? "matching event"} came on the stream; it sent: {string.Join(" | ", skipped)}");
        }
        catch (ChannelClosedException e)
        {
            throw new InvalidOperationException($"The stream ended before {what ?? "a matching event"} came; it sent: {string.Join(" | ", skipped)}", e);
        }
    }

    public Task<LiveEvent> NextAsync(string type, TimeSpan? timeout = null) => NextAsync(e => e.Type == type, timeout, $"'{type}' event");

    private async Task ReadAsync()
    {
        try
        {
            await using var body = await _response.Content.ReadAsStreamAsync(_stop.Token);
            await foreach (var item in SseParser.Create(body).EnumerateAsync(_stop.Token))
            {
                using var data = JsonDocument.Parse(string.IsNullOrEmpty(item.Data) ? "{}" : item.Data);
                await _events.Writer.WriteAsync(new LiveEvent(item.EventType, item.EventId, data.RootElement.Clone()), _stop.Token);
            }
            _events.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _events.Writer.TryComplete(_stop.IsCancellationRequested ? null : e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _reading;
        _stop.Dispose();
    }
}
