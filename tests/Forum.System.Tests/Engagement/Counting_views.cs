using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;
using Xunit.Abstractions;
using static Forum.System.Tests.Engagement.EngagementSteps;

namespace Forum.System.Tests.Engagement;

/// <summary>
/// Views as a forum counts them: on the server when a post is served, once per reader per post
/// per hour, never for crawlers, and exactly, however batches are delivered.
/// </summary>
[Collection(SharedForum.Name)]
public sealed class Counting_views(ForumSystem forum, ITestOutputHelper output)
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

    [Fact]
    public async Task Ten_thousand_hits_of_a_thousand_readers_on_ten_posts_delivered_twice_in_any_order_count_each_reader_once_per_post_and_again_after_the_window()
    {
        const string board = "luot-xem";
        await forum.CreateBoardAsync(board);
        var posts = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            posts.Add(await PublishAsync(forum.Admin, board, $"Bài {i} — 조회수"));
        }
        await ListedCountsAsync(forum, board, c => c.Count == 10);
        using var service = EngagementAsService(forum);
        var random = new Random(20261128);
        var now = DateTimeOffset.UtcNow;
        var expected = posts.ToDictionary(p => p, _ => 0L);

        // Round one three hours ago, round two an hour ago: more than the 60-minute window apart.
        foreach (var (round, start) in new[] { (1, now.AddHours(-3)), (2, now.AddHours(-1)) })
        {
            var hits = Enumerable.Range(0, 10_000)
                .Select(_ => new Hit(posts[random.Next(posts.Count)], $"anon:người-đọc-{random.Next(1_000)}", start.AddSeconds(random.Next(30 * 60))))
                .ToList();
            var distinctReaders = hits.GroupBy(h => h.PostId).ToDictionary(g => g.Key, g => g.Select(h => h.Viewer).Distinct().LongCount());
            foreach (var (post, readers) in distinctReaders)
            {
                expected[post] += readers;
            }
            var batches = hits.Chunk(500).Select(chunk => (Id: Guid.CreateVersion7(), Hits: chunk)).ToList();
            var deliveries = batches.Concat(batches).OrderBy(_ => random.Next()).ToList();

            var clock = Stopwatch.StartNew();
            var receipts = new List<JsonElement>();
            await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, _) =>
            {
                var receipt = await SendBatchAsync(service, batch.Id, batch.Hits);
                lock (receipts)
                {
                    receipts.Add(receipt);
                }
            });
            var delivered = clock.Elapsed;
            var counts = await ListedCountsAsync(forum, board, c => posts.All(p => c.GetValueOrDefault(p).Views == expected[p]));
            output.WriteLine($"round {round}: {deliveries.Count} deliveries of {batches.Count} batches ({hits.Count} hits) in {delivered.TotalMilliseconds:0} ms, " +
                             $"in the listing after {clock.Elapsed.TotalMilliseconds:0} ms; {receipts.Count(r => r.GetProperty("alreadyCounted").GetBoolean())} redeliveries recognised");

            Assert.Equal(expected, posts.ToDictionary(p => p, p => counts.GetValueOrDefault(p).Views));
            Assert.Equal(batches.Count, receipts.Count(r => r.GetProperty("alreadyCounted").GetBoolean()));
            Assert.Equal(distinctReaders.Values.Sum(), receipts.Where(r => !r.GetProperty("alreadyCounted").GetBoolean()).Sum(r => r.GetProperty("counted").GetInt64()));
        }

        // Sorting by views follows the counts.
        var byViews = await forum.Client.GetFromJsonAsync<JsonElement>($"/api/boards/{board}/posts?sort=views&pageSize=100");
        var listed = byViews.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("views").GetInt64()).ToList();
        Assert.Equal(listed.OrderDescending(), listed);
    }

    [Fact]
    public async Task Reading_a_post_through_the_gateway_counts_each_reader_once_and_crawlers_never()
    {
        const string board = "doc-bai";
        await forum.CreateBoardAsync(board);
        var postId = await PublishAsync(forum.Admin, board, "Bài để đọc");
        await ListedCountsAsync(forum, board, c => c.ContainsKey(postId));

        var crawlers = new[]
        {
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "Mozilla/5.0 (compatible; Yeti/1.1; +http://naver.me/spd)",
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
        };
        var members = new List<HttpClient>();
        for (var i = 0; i < 5; i++)
        {
            members.Add(await forum.SignUpAsync($"bạn_đọc_{i}"));
        }
        var requests = new List<(HttpClient Client, string? UserAgent)>();
        for (var reader = 0; reader < 40; reader++)
        {
            // One address (the test's), forty browsers: forty anonymous readers; each reads three times.
            requests.AddRange(Enumerable.Repeat<(HttpClient, string?)>((forum.Client, $"{Browser} reader/{reader}"), 3));
        }
        foreach (var member in members)
        {
            // A signed-in reader is one reader whatever browser they use.
            requests.Add((member, Browser));
            requests.Add((member, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) Mobile/15E148 Safari/604.1"));
        }
        requests.AddRange(crawlers.SelectMany(agent => Enumerable.Repeat<(HttpClient, string?)>((forum.Client, agent), 4)));

        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests.OrderBy(_ => Random.Shared.Next()), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (request, _) =>
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/posts/{postId}");
            get.Headers.TryAddWithoutValidation("User-Agent", request.UserAgent);
            var response = await request.Client.SendAsync(get);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });
        var served = clock.Elapsed;

        var counts = await ListedCountsAsync(forum, board, c => c.GetValueOrDefault(postId).Views >= 45);
        output.WriteLine($"{requests.Count} reads served in {served.TotalMilliseconds:0} ms; views in the listing after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(counts[postId].Views == 45, $"{counts[postId].Views} views\n{forum.Logs}");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(45, (await ListedCountsAsync(forum, board))[postId].Views);

        // Neither the readers' address nor their browsers are stored anywhere in the engagement service.
        var stored = await EverythingStoredAsync(forum.DatabaseConnections["engagement"]);
        Assert.Contains(postId.ToString(), stored);
        foreach (var trace in new[] { "127.0.0.1", "::1", "::ffff:", "reader/", "Firefox", "iPhone", "Googlebot" })
        {
            Assert.DoesNotContain(trace, stored);
        }
        foreach (var member in members)
        {
            member.Dispose();
        }
    }

    [Fact]
    public async Task A_deleted_post_takes_no_more_views()
    {
        using var author = await forum.SignUpAsync("xoá_bài_xem");
        var postId = await PublishAsync(author, "tin-tuc", "Xem rồi xoá");
        await WaitUntilEngagementKnowsAsync(author, postId);
        using var service = EngagementAsService(forum);
        var counted = await SendBatchAsync(service, Guid.NewGuid(), [new Hit(postId, "anon:trước", DateTimeOffset.UtcNow)]);
        Assert.Equal(1, counted.GetProperty("counted").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await author.DeleteAsync($"/api/posts/{postId}")).StatusCode);
        await WaitUntilEngagementKnowsAsync(author, postId, deleted: true);
        var after = await SendBatchAsync(service, Guid.NewGuid(), [new Hit(postId, "anon:sau", DateTimeOffset.UtcNow)]);

        Assert.Equal(0, after.GetProperty("counted").GetInt64());
        // The gateway learns of the deletion from its own queue, not the engagement service's, and
        // may hold the post's page for up to a second: gone soon, not necessarily at this instant.
        var shown = await Eventually.ValueAsync(async () => (await forum.Client.GetAsync($"/api/posts/{postId}")).StatusCode,
            status => status == HttpStatusCode.NotFound, what: "the deleted post to be gone from the gateway");
        Assert.Equal(HttpStatusCode.NotFound, shown);
    }

    [Theory]
    [InlineData("{\"batchId\":\"00000000-0000-0000-0000-000000000000\",\"hits\":[]}")]
    [InlineData("{\"batchId\":\"0b1c8a52-3f0e-4a52-9a8a-1d1f0f0e0a01\",\"hits\":[{\"postId\":\"not-a-guid\"}]}")]
    [InlineData("{\"batchId\":\"0b1c8a52-3f0e-4a52-9a8a-1d1f0f0e0a02\",\"hits\":[{\"postId\":\"0b1c8a52-3f0e-4a52-9a8a-1d1f0f0e0a03\",\"viewer\":\"\",\"at\":\"2026-11-28T08:00:00Z\"}]}")]
    [InlineData("{\"batchId\":")]
    public async Task A_malformed_batch_is_a_400_problem(string json)
    {
        using var service = EngagementAsService(forum);

        var response = await service.PostAsync(BatchPath, new StringContent(json, global::System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
