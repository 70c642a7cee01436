using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Forum.Bench.Load;

namespace Forum.Bench.Scenarios;

/// <summary>
/// View hits: 10,000 anonymous readers (told apart by their user agents) on 1,000 posts that no
/// other scenario reads, every request a reader–post pair not seen before, so every accepted hit
/// must add exactly one view. Afterwards the listings must show, post by post, exactly the hits
/// that were answered 200.
/// </summary>
public static class ViewScenario
{
    private const int Viewers = 10_000;
    private const int Posts = 1_000;

    public static async Task RunAsync(RunContext run)
    {
        Console.WriteLine("- view hits");
        var forum = run.Forum;
        // Posts the post page run did not read (comments written meanwhile change no view counts).
        var posts = run.Seed.PostsOutside(run.Seed.BigBoard).Take(Posts).ToArray();
        if (posts.Length < Posts)
        {
            run.Report.Note($"View hits ran on {posts.Length} posts: the seeded forum has too few outside the big board.");
        }
        var target = forum.Gateway.EndPoint;
        // Request n is reader n % 10,000 on post (n / 10,000 + n) % 1,000: no pair repeats below 10,000,000 requests.
        (int Viewer, int Post) Pair(long n, int postCount) => ((int)(n % Viewers), (int)((n / Viewers + n) % postCount));
        LoadPlan Plan(Guid[] on, string readers, Action<long, int>? answered) => new(target, RunContext.Connections, run.Duration,
            n =>
            {
                var (viewer, post) = Pair(n, on.Length);
                return Encoding.ASCII.GetBytes(
                    $"GET /api/posts/{on[post]} HTTP/1.1\r\nHost: {target}\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0 {readers}-{viewer}\r\nAccept: application/json\r\n\r\n");
            },
            answered);

        // Warmed up on the big board's posts by other readers, so that the measured run starts warm
        // and every hit it makes is still a reader–post pair not seen before.
        await run.WarmUpAsync("view hits", Plan(run.Seed.PostsByBoard[run.Seed.BigBoard].Take(Posts).ToArray(), "warm-reader", null));
        // The warm-up's hits are counted by the engagement service after it; measuring while it is
        // still counting them would measure the two competing for the cores.
        var draining = Stopwatch.StartNew();
        while (await BufferedHitsAsync(run) > 0 && draining.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(250, run.Cancellation);
        }
        run.Report.Fact("view hits: the warm-up's hits counted by the engagement service, after the warm-up", $"{draining.Elapsed.TotalSeconds:N1} s");
        var accepted = new int[posts.Length];
        var cpu = Forum.CpuTime.Start(forum.ForumProcesses);
        var result = await run.MeasureAsync("view hits: 10,000 readers on 1,000 posts", Plan(posts, "reader", (n, status) =>
        {
            if (status == 200)
            {
                Interlocked.Increment(ref accepted[Pair(n, posts.Length).Post]);
            }
        }), warm: false);
        run.Report.Fact("view hits: cores used during the run (of 2)", cpu.Cores());
        var loadEnded = Stopwatch.StartNew();

        // Wait until the listings show every accepted hit (or stop changing), then compare post by post.
        var expected = posts.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => (long)accepted[p.i]);
        var expectedTotal = expected.Values.Sum();
        Dictionary<Guid, long> shown = [];
        long lastTotal = -1;
        var unchanged = Stopwatch.StartNew();
        while (loadEnded.Elapsed < TimeSpan.FromSeconds(120))
        {
            shown = await ViewsAsync(run, expected.Keys.ToHashSet());
            if (expected.All(p => shown.GetValueOrDefault(p.Key) == p.Value))
            {
                break;
            }
            var total = shown.Values.Sum();
            if (total != lastTotal)
            {
                lastTotal = total;
                unchanged.Restart();
            }
            else if (unchanged.Elapsed > TimeSpan.FromSeconds(15))
            {
                break;
            }
            await Task.Delay(250, run.Cancellation);
        }
        var settled = loadEnded.Elapsed;
        var wrong = expected.Count(p => shown.GetValueOrDefault(p.Key) != p.Value);
        var shownTotal = expected.Keys.Sum(id => shown.GetValueOrDefault(id));

        run.Report.Add(new Reporting.Row("view hits, 10,000 readers on 1,000 posts: accepted", $"{result.PerSecond:N0} hits/s", "—", "—", "≥ 20,000 hits/s", result.PerSecond >= 20_000));
        run.Report.Add(new Reporting.Row("view hits: final counts exact, post by post",
            wrong == 0 ? $"exact ({shownTotal:N0} views)" : $"{wrong} posts off ({shownTotal:N0} shown, {expectedTotal:N0} accepted)", "—", "—", "every post exact", wrong == 0));
        run.Report.Fact("view counts settled in the listings, after the last hit", $"{settled.TotalSeconds:N1} s");
    }

    /// <summary>Hits the gateway holds that the engagement service has not yet acknowledged (its <c>forum.views.buffered</c> gauge).</summary>
    private static async Task<double> BufferedHitsAsync(RunContext run) =>
        Reporting.PrometheusText.Sum(await run.GatewayMetricsAsync(), "forum_views_buffered");

    /// <summary>The views of the given posts as the board listings show them (reading a listing counts no view).</summary>
    private static async Task<Dictionary<Guid, long>> ViewsAsync(RunContext run, HashSet<Guid> wanted)
    {
        using var client = Seeding.Seeder.Client(run.Forum.Gateway.BaseAddress);
        var views = new Dictionary<Guid, long>();
        foreach (var board in run.Seed.Boards.Where(b => b != run.Seed.BigBoard))
        {
            for (var page = 1; ; page++)
            {
                var listing = await client.GetFromJsonAsync<JsonElement>($"/api/boards/{board}/posts?page={page}&pageSize=100", run.Cancellation);
                foreach (var post in listing.GetProperty("posts").EnumerateArray())
                {
                    var id = post.GetProperty("id").GetGuid();
                    if (wanted.Contains(id))
                    {
                        views[id] = post.GetProperty("views").GetInt64();
                    }
                }
                if (page >= listing.GetProperty("totalPages").GetInt32())
                {
                    break;
                }
            }
        }
        return views;
    }
}
