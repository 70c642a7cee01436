using Forum.Bench.Load;

namespace Forum.Bench.Scenarios;

/// <summary>
/// The gateway's pages under 64 connections, each against the bare Kestrel reference serving the
/// very bytes of that page (same size, same content type) in the same run.
/// </summary>
public static class ReadScenarios
{
    public static async Task RunAsync(RunContext run)
    {
        var board = run.Seed.BigBoard;
        var bigBoardPages = (run.Seed.PostsByBoard[board].Count + 19) / 20;
        var deepPage = Math.Min(500, bigBoardPages);

        // One warm-up over every page read below, first: whichever scenario ran first otherwise
        // measured the gateway's code before the JIT had finished optimising it.
        var posts = run.Seed.PostsByBoard[board].Take(1000).Select(id => $"/api/posts/{id}").ToArray();
        var everyRead = new[] { $"/api/boards/{board}/posts?page=1", $"/api/boards/{board}/posts?page={deepPage}", $"/boards/{board}" }
            .Select(path => (ReadOnlyMemory<byte>)Requests.Get(run.Forum.Gateway.EndPoint, path, accept: path.StartsWith("/api", StringComparison.Ordinal) ? "application/json" : "text/html"))
            .Concat(posts.Take(100).Select(path => (ReadOnlyMemory<byte>)Requests.Get(run.Forum.Gateway.EndPoint, path, accept: "application/json")))
            .ToArray();
        await LoadGenerator.RunAsync(new LoadPlan(run.Forum.Gateway.EndPoint, RunContext.Connections, run.WarmUp * 3, n => everyRead[n % everyRead.Length]), run.Cancellation);

        await PageAsync(run, "board page 1, JSON", [$"/api/boards/{board}/posts?page=1"], "application/json", 0.70, 25);
        await PageAsync(run, $"board page {deepPage} of {bigBoardPages}, JSON", [$"/api/boards/{board}/posts?page={deepPage}"], "application/json", 0.50, 25);
        await PageAsync(run, "board page 1, HTML", [$"/boards/{board}"], "text/html", 0.40, null);
        // 1,000 different posts of the big board, each read many times by the same reader: every
        // read is served and handed to the view counter, which counts it once per window.
        await PageAsync(run, "post page, JSON (counts a view)", posts, "application/json", 0.40, null);
    }

    private static async Task PageAsync(RunContext run, string figure, string[] paths, string accept, double goalShare, double? p99Goal)
    {
        Console.WriteLine($"- {figure}");
        var forum = run.Forum;
        using var client = Seeding.Seeder.Client(forum.Gateway.BaseAddress);
        client.DefaultRequestHeaders.UserAgent.ParseAdd(Requests.BrowserAgent);
        using var sample = await client.GetAsync(paths[0], run.Cancellation);
        sample.EnsureSuccessStatusCode();
        var bytes = await sample.Content.ReadAsByteArrayAsync(run.Cancellation);
        var contentType = sample.Content.Headers.ContentType?.ToString() ?? accept;
        using (var reference = Seeding.Seeder.Client(forum.Reference.BaseAddress))
        {
            using var set = await reference.PutAsync("/body", new ByteArrayContent(bytes) { Headers = { { "Content-Type", contentType } } }, run.Cancellation);
            set.EnsureSuccessStatusCode();
        }

        var requests = paths.Select(path => (ReadOnlyMemory<byte>)Requests.Get(forum.Gateway.EndPoint, path, accept: accept)).ToArray();
        var forumResult = await run.MeasureAsync($"{figure}: forum ({bytes.Length:N0} bytes)",
            new LoadPlan(forum.Gateway.EndPoint, RunContext.Connections, run.Duration, n => requests[n % requests.Length]));
        var referenceRequest = Requests.Get(forum.Reference.EndPoint, "/page", accept: accept);
        var referenceResult = await run.MeasureAsync($"{figure}: reference ({bytes.Length:N0} bytes)",
            new LoadPlan(forum.Reference.EndPoint, RunContext.Connections, run.Duration, _ => referenceRequest));

        run.Report.Throughput($"{figure}, {RunContext.Connections} connections: throughput", forumResult, referenceResult, goalShare);
        if (p99Goal is { } goal)
        {
            run.Report.Latency($"{figure}: p99 latency", forumResult, referenceResult, goal);
        }
    }
}
