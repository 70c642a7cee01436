using System.Net;
using System.Net.Http.Headers;
using Forum.Testing;
using Xunit.Abstractions;
using static Forum.System.Tests.Engagement.EngagementSteps;

namespace Forum.System.Tests.Engagement;

/// <summary>
/// Two replicas of the engagement service on one database, as an operator scales it: writers of
/// one post on different replicas collide on its stream and try again, and still every like and
/// every reader counts exactly once.
/// </summary>
public sealed class Two_engagement_replicas(ForumSystem forum, ITestOutputHelper output) : IClassFixture<ForumSystem>, IAsyncLifetime
{
    private ServiceProcess _second = null!;

    public async Task InitializeAsync()
    {
        _second = new ServiceProcess("engagement-2", "services/engagement/Forum.Engagement", new Dictionary<string, string>
        {
            ["ConnectionStrings__engagement-db"] = forum.DatabaseConnections["engagement"],
            ["ConnectionStrings__rabbitmq"] = forum.RabbitMq.ToString(),
            ["Forum__Auth__PublicKey"] = forum.SigningKey.PublicKeyPem,
        });
        _second.Start();
        await _second.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await _second.DisposeAsync();

    private HttpClient Replica(int i, string token)
    {
        var client = new HttpClient { BaseAddress = i % 2 == 0 ? forum.Engagement.BaseAddress : _second.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Likes_and_views_sent_to_both_replicas_at_once_count_each_member_and_reader_once()
    {
        const string board = "hai-ban-sao";
        await forum.CreateBoardAsync(board);
        var posts = new[] { await PublishAsync(forum.Admin, board, "Bài thứ nhất"), await PublishAsync(forum.Admin, board, "Bài thứ hai") };
        using (var member = await forum.SignUpAsync("người_chờ"))
        {
            await WaitUntilEngagementKnowsAsync(member, posts[0]);
            await WaitUntilEngagementKnowsAsync(member, posts[1]);
        }

        // 100 members, each liking the first post twice: once at each replica, all at the same moment.
        var members = Enumerable.Range(0, 100).Select(i => forum.SigningKey.Token($"thành_viên_{i}", Guid.NewGuid())).ToList();
        var likes = await Task.WhenAll(members.SelectMany(token => new[] { 0, 1 }.Select(async i =>
        {
            using var client = Replica(i, token);
            return (await client.PutAsync($"/api/posts/{posts[0]}/like", null)).StatusCode;
        })));

        // 4,000 hits of 300 readers in batches of 200, each batch delivered to both replicas at once.
        var random = new Random(7);
        var now = DateTimeOffset.UtcNow;
        var hits = Enumerable.Range(0, 4_000)
            .Select(_ => new Hit(posts[random.Next(2)], $"anon:bạn-đọc-{random.Next(300)}", now.AddSeconds(-random.Next(600))))
            .ToList();
        var service = forum.SigningKey.Token("gateway", roles: ["service"]);
        await Parallel.ForEachAsync(hits.Chunk(200), new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (batch, _) =>
        {
            var id = Guid.CreateVersion7();
            await Task.WhenAll(new[] { 0, 1 }.Select(async i =>
            {
                using var client = Replica(i, service);
                await SendBatchAsync(client, id, batch);
            }));
        });

        Assert.All(likes, status => Assert.Equal(HttpStatusCode.NoContent, status));
        var expectedViews = posts.ToDictionary(p => p, p => (long)hits.Where(h => h.PostId == p).Select(h => h.Viewer).Distinct().Count());
        var counts = await ListedCountsAsync(forum, board,
            c => c.GetValueOrDefault(posts[0]).Likes == 100 && posts.All(p => c.GetValueOrDefault(p).Views == expectedViews[p]));
        Assert.Equal(100, counts[posts[0]].Likes);
        Assert.Equal(expectedViews, posts.ToDictionary(p => p, p => counts[p].Views));

        foreach (var replica in new[] { forum.Engagement, _second })
        {
            using var client = new HttpClient { BaseAddress = replica.BaseAddress };
            var metrics = (await client.GetStringAsync("/metrics")).Split('\n');
            output.WriteLine($"{replica.Name}: " + string.Join("; ", metrics.Where(l => l.StartsWith("forum_engagement_write_conflicts", StringComparison.Ordinal) || l.StartsWith("forum_views_batches_total", StringComparison.Ordinal))));
        }
    }
}
