using Forum.EventSourcing.PersonalData;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Posts.Posts.Publishing;
using Forum.Testing;
using Marten;
using Integration = Forum.Contracts.Posts;

namespace Forum.Posts.Tests.Service;

/// <summary>
/// An event the forwarder can never read (stored by an older, incompatible version, say) is set
/// aside as a dead letter: it is counted, the service reports itself Degraded (still ready, with
/// the count) and every event behind it is forwarded as usual.
/// </summary>
public sealed class A_poison_event(PostsServiceFixture service) : IClassFixture<PostsServiceFixture>
{
    [Fact]
    public async Task Is_dead_lettered_and_reported_without_blocking_the_events_behind_it()
    {
        await using var observer = await BrokerObserver<Integration.PostPublished>.StartAsync(service.RabbitMq);
        var poison = Guid.NewGuid();
        await using (var session = service.Store.LightweightSession())
        {
            session.Events.StartStream(poison, new PostPublished(poison, "tin-tuc", "Độc", "x", "<p>x</p>", "x", false, Guid.NewGuid(), new PersonalText(Guid.Empty, "ai-đó"), DateTimeOffset.UtcNow));
            // In the same transaction, so the forwarder never sees it whole: a post id that is no GUID.
            session.QueueSqlCommand("update forum.mt_events set data = jsonb_set(data, '{postId}', '\"kein-guid\"') where stream_id = ?", poison);
            await session.SaveChangesAsync();
        }

        var behind = await service.Client.PostAsJsonAsync("/api/posts", new { board = "tin-tuc", title = "Sau sự kiện độc", body = "Vẫn đến nơi" });
        Assert.Equal(HttpStatusCode.Created, behind.StatusCode);
        var id = (await behind.Content.ReadFromJsonAsync<PublishPostResponse>())!.Id;
        await observer.WaitForAsync(m => m.PostId == id, TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(observer.Deliveries, d => d.Message.PostId == poison);

        var health = await Eventually.ValueAsync(
            async () => await (await service.Anonymous.GetAsync("/health/ready")).Content.ReadFromJsonAsync<JsonElement>(),
            h => h.GetProperty("status").GetString() == "Degraded", TimeSpan.FromSeconds(30), "the service to report the dead letter");
        var ready = await service.Anonymous.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        var check = health.GetProperty("checks").GetProperty("dead-letters");
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.Equal(1, check.GetProperty("data").GetProperty("deadLetters").GetInt64());
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());

        // The gauge shows the count the last readiness check found, and hosts in this test process
        // share the meter: ask for readiness again before each scrape until one scrape has it.
        static bool CountsOne(string metrics) => metrics.Split('\n').Any(line =>
            line.StartsWith("forum_events_dead_letters{", StringComparison.Ordinal) && line[(line.LastIndexOf('}') + 2)..].Split(' ')[0] == "1");
        var metrics = await Eventually.ValueAsync(async () =>
        {
            await service.Anonymous.GetAsync("/health/ready");
            return await service.Anonymous.GetStringAsync("/metrics");
        }, CountsOne, TimeSpan.FromSeconds(30));
        Assert.True(CountsOne(metrics), "forum_events_dead_letters should read 1 at /metrics");
    }
}
