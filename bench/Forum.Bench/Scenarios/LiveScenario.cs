using System.Diagnostics;
using System.Net.Http.Json;
using Forum.Bench.Load;

namespace Forum.Bench.Scenarios;

/// <summary>
/// What open live pages cost the read path: the board page under 64 connections with 2,000 idle
/// server-sent event streams open on the gateway (each as a browser's EventSource holds one),
/// against the same page with none, in the same run. Then one change told to all of them: how
/// long until the last stream has it.
/// </summary>
public static class LiveScenario
{
    public const int Streams = 2000;

    public static async Task RunAsync(RunContext run)
    {
        var board = run.Seed.BigBoard;
        var forum = run.Forum;
        var page = Requests.Get(forum.Gateway.EndPoint, $"/boards/{board}", accept: "text/html");
        var plan = new LoadPlan(forum.Gateway.EndPoint, RunContext.Connections, run.Duration, _ => page);

        Console.WriteLine($"- board page with {Streams:N0} live streams open");
        var without = await run.MeasureAsync("board page 1, HTML, no live streams", plan);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Streams + 16, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = forum.Gateway.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation);
        var opened = new List<OpenStream>(Streams);
        var opening = Stopwatch.StartNew();
        for (var i = 0; i < Streams; i += 100)
        {
            opened.AddRange(await Task.WhenAll(Enumerable.Range(0, Math.Min(100, Streams - i)).Select(_ => OpenStream.OpenAsync(client, $"/api/live/boards/{board}", stop.Token))));
        }
        run.Report.Fact($"opening {Streams:N0} live streams, each until its first event", $"{opening.Elapsed.TotalSeconds:N1} s");

        var with = await run.MeasureAsync($"board page 1, HTML, {Streams:N0} live streams open", plan);
        run.Report.Throughput($"board page 1, HTML, {RunContext.Connections} connections, with {Streams:N0} idle live streams open (reference: none open)", with, without, 0.90);
        run.Report.Latency($"board page 1, HTML, with {Streams:N0} idle live streams: p99 latency (reference: none open)", with, without, null);

        // One new post on the board reaches every open stream.
        var told = Stopwatch.StartNew();
        using (var author = Seeding.Seeder.Client(forum.Gateway.BaseAddress))
        {
            author.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", run.Seed.AuthorTokens[0]);
            using var published = await author.PostAsJsonAsync("/api/posts",
                new { board, title = "Tin mới cho mọi trang đang mở", body = "Một bài viết cho 2.000 trang đang mở." }, run.Cancellation);
            published.EnsureSuccessStatusCode();
        }
        var arrivals = await Task.WhenAll(opened.Select(s => s.NextPostAsync(told, TimeSpan.FromSeconds(30))));
        var reached = arrivals.Where(a => a is not null).Select(a => a!.Value.TotalMilliseconds).Order().ToList();
        run.Report.Fact($"a new post told to {Streams:N0} open board streams: streams that had it within 30 s", $"{reached.Count:N0}");
        if (reached.Count > 0)
        {
            run.Report.Fact("… from publishing to the stream: median / last", $"{reached[reached.Count / 2]:N0} ms / {reached[^1]:N0} ms");
        }

        await stop.CancelAsync();
        foreach (var stream in opened)
        {
            stream.Dispose();
        }
    }

    /// <summary>An open stream that waits for its first event, then reads on for a new post.</summary>
    private sealed class OpenStream : IDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;

        private OpenStream(HttpResponseMessage response, StreamReader reader) => (_response, _reader) = (response, reader);

        public static async Task<OpenStream> OpenAsync(HttpClient client, string path, CancellationToken cancellationToken)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd("text/event-stream");
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            while (await reader.ReadLineAsync(cancellationToken) is { } line && line != "event: hello") { }
            return new OpenStream(response, reader);
        }

        /// <summary>How long after <paramref name="since"/> started a <c>post</c> event came; null if none within the timeout.</summary>
        public async Task<TimeSpan?> NextPostAsync(Stopwatch since, TimeSpan timeout)
        {
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                while (await _reader.ReadLineAsync(deadline.Token) is { } line)
                {
                    if (line == "event: post")
                    {
                        return since.Elapsed;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
            return null;
        }

        public void Dispose()
        {
            _reader.Dispose();
            _response.Dispose();
        }
    }
}
