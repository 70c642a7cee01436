using System.Net;
using System.Net.Http.Json;
using Forum.Posts.Posts.Publishing;
using Forum.Testing;
using Marten;
using Integration = Forum.Contracts.Posts;

namespace Forum.Posts.Tests.Service;

/// <summary>
/// When the forwarder's recorded progress moves under it (another replica forwarded for a moment,
/// as after a PostgreSQL restart), Marten stops the forwarder. The service starts it again from the
/// recorded progress, so posts written afterwards still reach the broker; what is published again on
/// the way carries its original message id, which consumers dedupe.
/// </summary>
public sealed class A_forwarder_progress_conflict(PostsServiceFixture service) : IClassFixture<PostsServiceFixture>
{
    [Fact]
    public async Task Stops_the_forwarder_only_until_the_service_starts_it_again()
    {
        await using var observer = await BrokerObserver<Integration.PostPublished>.StartAsync(service.RabbitMq);
        var first = await PublishAsync("Trước xung đột");
        await observer.WaitForAsync(m => m.PostId == first, TimeSpan.FromSeconds(30));
        await WaitUntilForwardedEverythingAsync();

        // What a second forwarder would leave behind: the recorded progress is no longer where this
        // one put it, so its next progress update conflicts and Marten stops it.
        await using (var session = service.Store.LightweightSession())
        {
            session.QueueSqlCommand("update forum.mt_event_progression set last_seq_id = last_seq_id - 1 where name = 'forwarder:All'");
            await session.SaveChangesAsync();
        }
        var conflicting = await PublishAsync("Trong xung đột");
        await observer.WaitForAsync(m => m.PostId == conflicting, TimeSpan.FromSeconds(30));

        var after = await PublishAsync("Sau xung đột — 다시 시작");
        await observer.WaitForAsync(m => m.PostId == after, TimeSpan.FromSeconds(30));

        var firstDeliveries = observer.Deliveries.Where(d => d.Message.PostId == first).ToList();
        Assert.True(firstDeliveries.Count >= 2, "the event behind the rolled-back progress is published again");
        Assert.Single(firstDeliveries.Select(d => d.MessageId).Distinct());
        await WaitUntilForwardedEverythingAsync();
    }

    private async Task<Guid> PublishAsync(string title)
    {
        var response = await service.Client.PostAsJsonAsync("/api/posts", new { board = "tin-tuc", title, body = "Nội dung" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PublishPostResponse>())!.Id;
    }

    private async Task WaitUntilForwardedEverythingAsync()
    {
        async Task<long> BehindAsync()
        {
            await using var session = service.Store.QuerySession();
            var behind = await session.QueryAsync<long>(
                "select (select max(seq_id) from forum.mt_events) - (select last_seq_id from forum.mt_event_progression where name = 'forwarder:All')");
            return behind.Single();
        }
        var behind = await Eventually.ValueAsync(BehindAsync, n => n == 0, TimeSpan.FromSeconds(30), "the forwarder's progress to reach the last event");
        Assert.Equal(0, behind);
    }
}
