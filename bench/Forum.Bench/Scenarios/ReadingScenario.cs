using Forum.Bench.Load;

namespace Forum.Bench.Scenarios;

/// <summary>
/// What unread marks cost. The board page of 16 signed-in members (each page with its marks, read
/// from their reading positions) against the anonymous board page, 64 connections each. Then
/// signed-in members reading post pages at a steady 1,000 a second, every view a post they had
/// not read (so every view moves a position, written once a second): p99 against the same views on
/// a second gateway replica that keeps no positions (<c>Forum__Reading__Enabled=false</c>).
/// </summary>
public static class ReadingScenario
{
    private const int Members = 16;
    private const double ViewsPerSecond = 1_000;

    public static async Task RunAsync(RunContext run)
    {
        var forum = run.Forum;
        var board = run.Seed.BigBoard;
        var cookies = new List<string>();
        for (var i = 0; i < Members; i++)
        {
            cookies.Add(await Seeding.Seeder.SignUpOnTheWebAsync(forum.Gateway.BaseAddress, $"bạn_đọc_đo_{i:D2}", run.Cancellation));
        }

        Console.WriteLine("- board page 1 of signed-in members, with unread marks");
        var target = forum.Gateway.EndPoint;
        var anonymousPage = Requests.Get(target, $"/boards/{board}", accept: "text/html");
        var memberPages = cookies.Select(cookie => (ReadOnlyMemory<byte>)Requests.Get(target, $"/boards/{board}", accept: "text/html", cookie: cookie)).ToArray();
        var anonymous = await run.MeasureAsync("board page 1, HTML, anonymous", new LoadPlan(target, RunContext.Connections, run.Duration, _ => anonymousPage));
        var members = await run.MeasureAsync($"board page 1, HTML, {Members} signed-in members with unread marks",
            new LoadPlan(target, RunContext.Connections, run.Duration, n => memberPages[n % Members]));
        run.Report.Throughput($"board page 1, HTML, {RunContext.Connections} connections, signed-in members with unread marks (reference: the anonymous page)", members, anonymous, 0.50);

        // Every member on every post of the big board: a view of a post the member has not read, for
        // as many views as a run makes. The same views go to the replica that keeps no positions first.
        var posts = run.Seed.PostsByBoard[board];
        var views = posts.SelectMany((post, p) => cookies.Select((cookie, m) => (p, m, post, cookie)))
            .OrderBy(v => v.p).ThenBy(v => v.m)
            .Select(v => (ReadOnlyMemory<byte>)Requests.Get(target, $"/posts/{v.post}", accept: "text/html", cookie: v.cookie))
            .ToArray();
        LoadPlan Steady(System.Net.IPEndPoint on, ReadOnlyMemory<byte>[] requests)
        {
            var next = -1L;
            return new LoadPlan(on, RunContext.Connections, run.Duration, _ => requests[Interlocked.Increment(ref next) % requests.Length], PerSecond: ViewsPerSecond);
        }
        Console.WriteLine($"- post pages of signed-in members at {ViewsPerSecond:N0}/s, each moving a reading position");
        var untracked = await forum.StartGatewayReplicaAsync("gateway-no-reading", new Dictionary<string, string> { ["Forum__Reading__Enabled"] = "false" });
        LoadResult without;
        try
        {
            var onReplica = views.Select(v => (ReadOnlyMemory<byte>)RetargetTo(v, untracked.EndPoint, target)).ToArray();
            without = await run.MeasureAsync($"post page, HTML, signed in, {ViewsPerSecond:N0}/s, no reading positions", Steady(untracked.EndPoint, onReplica));
        }
        finally
        {
            await untracked.StopAsync(TimeSpan.FromSeconds(30));
        }
        var with = await run.MeasureAsync($"post page, HTML, signed in, {ViewsPerSecond:N0}/s, moving reading positions", Steady(target, views));
        run.Report.Latency($"post page, HTML, signed-in members at {ViewsPerSecond:N0} views/s, each marking the post read: p99 (reference: a replica keeping no positions)",
            with, without, null);
        var added = with.Percentile(99) / without.Percentile(99) - 1;
        run.Report.Add(new Reporting.Row($"… p99 added by marking posts read", Reporting.Report.Percent(Math.Max(0, added)), "—", "—", "≤ 10 %", added <= 0.10));
    }

    /// <summary>The same request with the other server's address in its Host header.</summary>
    private static byte[] RetargetTo(ReadOnlyMemory<byte> request, System.Net.IPEndPoint to, System.Net.IPEndPoint from) =>
        System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(request.Span).Replace($"Host: {from}", $"Host: {to}", StringComparison.Ordinal));
}
