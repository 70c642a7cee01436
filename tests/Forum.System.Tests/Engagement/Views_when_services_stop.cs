using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Forum.Testing;
using Xunit.Abstractions;
using static Forum.System.Tests.Engagement.EngagementSteps;

namespace Forum.System.Tests.Engagement;

/// <summary>
/// The engagement service killed with SIGKILL while readers keep reading: the gateway keeps each
/// batch until it is acknowledged, and a batch counted just before the crash is not counted again.
/// </summary>
public sealed class Views_when_the_engagement_service_is_killed(ForumSystem forum, ITestOutputHelper output) : IClassFixture<ForumSystem>
{
    private const int Readers = 3_000;
    private const int KillAfter = 1_000;

    [Fact]
    public async Task Every_read_served_is_counted_once_though_the_engagement_service_is_killed_and_restarted_midway()
    {
        const string board = "giet-dich-vu";
        await forum.CreateBoardAsync(board);
        var posts = new[] { await PublishAsync(forum.Admin, board, "Bài một"), await PublishAsync(forum.Admin, board, "Bài hai") };
        await ListedCountsAsync(forum, board, c => c.Count == 2);

        var served = new ConcurrentDictionary<Guid, int>();
        var reserved = 0;
        var downtime = TimeSpan.Zero;
        var crash = Task.Run(async () =>
        {
            await Eventually.ValueAsync(() => Task.FromResult(served.Values.Sum()), n => n >= KillAfter, TimeSpan.FromMinutes(2));
            var clock = Stopwatch.StartNew();
            output.WriteLine($"killed after {served.Values.Sum()} reads");
            forum.Engagement.Kill();
            forum.Engagement.Start();
            await forum.Engagement.WaitUntilReadyAsync();
            downtime = clock.Elapsed;
            output.WriteLine($"ready again after {served.Values.Sum()} reads");
        });

        var load = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, 8), async (_, _) =>
        {
            int reader;
            while ((reader = Interlocked.Increment(ref reserved)) <= Readers)
            {
                var post = posts[reader % posts.Length];
                using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/posts/{post}");
                get.Headers.TryAddWithoutValidation("User-Agent", $"Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0 reader/{reader}");
                if ((await forum.Client.SendAsync(get)).StatusCode == HttpStatusCode.OK)
                {
                    served.AddOrUpdate(post, 1, (_, n) => n + 1);
                }
                await Task.Delay(8);
            }
        });
        var loadTime = load.Elapsed;
        await crash;

        var counts = await ListedCountsAsync(forum, board, c => posts.All(p => c.GetValueOrDefault(p).Views >= served.GetValueOrDefault(p)), TimeSpan.FromSeconds(60));
        var afterRestart = load.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2));
        counts = await ListedCountsAsync(forum, board);

        output.WriteLine($"{served.Values.Sum()} reads served in {loadTime.TotalMilliseconds:0} ms; engagement down for {downtime.TotalMilliseconds:0} ms; " +
                         $"all counted {afterRestart.TotalMilliseconds:0} ms after the load began; {await CountedBatchesAsync(forum)} batches counted");
        using (var gateway = new HttpClient { BaseAddress = forum.Gateway.BaseAddress })
        {
            var metrics = await gateway.GetStringAsync("/metrics");
            output.WriteLine(string.Join('\n', metrics.Split('\n').Where(line => line.StartsWith("forum_views_batch", StringComparison.Ordinal))));
        }
        Assert.Equal(Readers, served.Values.Sum());
        foreach (var post in posts)
        {
            Assert.True(counts[post].Views == served[post], $"post {post}: {served[post]} reads served, {counts[post].Views} views\n{forum.Logs}");
        }
    }
}

/// <summary>The forum with a gateway that would hold view hits for an hour before sending them.</summary>
public sealed class ForumWithHeldViews : ForumSystem
{
    protected override IReadOnlyDictionary<string, string> GatewaySettings => new Dictionary<string, string>(base.GatewaySettings)
    {
        ["Forum__Views__FlushInterval"] = "01:00:00",
    };
}

/// <summary>A gateway stopped as an orchestrator stops it (SIGTERM) sends the view hits it holds before it exits.</summary>
public sealed class Views_when_the_gateway_stops(ForumWithHeldViews forum) : IClassFixture<ForumWithHeldViews>
{
    [Fact]
    public async Task A_gateway_stopping_gracefully_sends_the_hits_it_buffered()
    {
        const string board = "dung-cong";
        await forum.CreateBoardAsync(board);
        var postId = await PublishAsync(forum.Admin, board, "Đọc trước khi dừng");
        await ListedCountsAsync(forum, board, c => c.ContainsKey(postId));

        for (var reader = 0; reader < 25; reader++)
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/posts/{postId}");
            get.Headers.TryAddWithoutValidation("User-Agent", $"Mozilla/5.0 Firefox/133.0 reader/{reader}");
            Assert.Equal(HttpStatusCode.OK, (await forum.Client.SendAsync(get)).StatusCode);
        }
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(0, (await ListedCountsAsync(forum, board))[postId].Views);

        await forum.Gateway.StopAsync();
        Assert.False(forum.Gateway.IsRunning);
        forum.Gateway.Start();
        await forum.Gateway.WaitUntilReadyAsync();

        var counts = await ListedCountsAsync(forum, board, c => c.GetValueOrDefault(postId).Views == 25);
        Assert.True(counts[postId].Views == 25, $"{counts[postId].Views} views\n{forum.Logs}");
    }

    /// <remarks>
    /// The engagement service appends one event per post per batch, so a burst sent a thousand
    /// hits at a time would store, forward and project an event per post per thousand readers.
    /// </remarks>
    [Fact]
    public async Task A_burst_of_readers_is_sent_in_one_batch_of_up_to_ten_thousand_hits()
    {
        const string board = "mot-dot";
        const int readers = 2_500;
        await forum.CreateBoardAsync(board);
        var posts = new[] { await PublishAsync(forum.Admin, board, "Đọc cùng lúc"), await PublishAsync(forum.Admin, board, "동시에 읽기") };
        await ListedCountsAsync(forum, board, c => c.Count == 2);
        var batchesBefore = await CountedBatchesAsync(forum);

        var reserved = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 8), async (_, _) =>
        {
            int reader;
            while ((reader = Interlocked.Increment(ref reserved)) <= readers)
            {
                using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/posts/{posts[reader % posts.Length]}");
                get.Headers.TryAddWithoutValidation("User-Agent", $"Mozilla/5.0 Firefox/133.0 burst-reader/{reader}");
                Assert.Equal(HttpStatusCode.OK, (await forum.Client.SendAsync(get)).StatusCode);
            }
        });
        // The gateway holds hits for an hour here unless a batch fills: none has.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(batchesBefore, await CountedBatchesAsync(forum));

        await forum.Gateway.StopAsync();
        forum.Gateway.Start();
        await forum.Gateway.WaitUntilReadyAsync();

        var counts = await ListedCountsAsync(forum, board, c => posts.All(p => c.GetValueOrDefault(p).Views == readers / 2));
        Assert.All(posts, p => Assert.True(counts[p].Views == readers / 2, $"{counts[p].Views} views of {readers / 2}\n{forum.Logs}"));
        Assert.Equal(batchesBefore + 1, await CountedBatchesAsync(forum));
    }
}
