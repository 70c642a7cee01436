using System.Collections.Concurrent;
using System.Text.Json;
using Forum.Contracts;
using Forum.Contracts.Posts;
using Forum.Testing;
using MassTransit;

namespace Forum.Cli.Tests.Replaying;

/// <summary>
/// A new consumer builds its state from the history: forumctl replays the events asked for to
/// its queue alone, with the original message ids, and live consumers see nothing extra.
/// </summary>
[Collection(ForumCollection.Name)]
public sealed class Replaying_history_to_one_queue(ForumUnderTest forum) : IAsyncLifetime
{
    private readonly string _queue = $"replay-{Guid.NewGuid():N}";
    private readonly ConcurrentQueue<ConsumeContext<PostPublished>> _replayed = new();
    private readonly ConcurrentQueue<ConsumeContext<PostPublished>> _live = new();
    private IBusControl _bus = null!;

    public async Task InitializeAsync()
    {
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(forum.RabbitMq);
            // The new consumer's queue, bound to nothing: whatever reaches it was sent to it by name.
            // It takes one message at a time, so that the order it records is the order they came in.
            rabbit.ReceiveEndpoint(_queue, endpoint =>
            {
                endpoint.ConfigureConsumeTopology = false;
                endpoint.PrefetchCount = 1;
                endpoint.ConcurrentMessageLimit = 1;
                endpoint.Handler<PostPublished>(context => Record(_replayed, context));
            });
            // A live consumer, bound to the PostPublished exchange as the gateway's queue is, taking one message at a time in order.
            rabbit.ReceiveEndpoint($"live-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.PrefetchCount = 1;
                endpoint.ConcurrentMessageLimit = 1;
                endpoint.Handler<PostPublished>(context => Record(_live, context));
            });
        });
        await _bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
    }

    private static Task Record(ConcurrentQueue<ConsumeContext<PostPublished>> into, ConsumeContext<PostPublished> context)
    {
        into.Enqueue(context);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_new_queue_receives_exactly_the_events_asked_for_with_their_original_message_ids_and_live_queues_nothing_more()
    {
        using var author = await forum.SignUpAsync("người_phát_lại");
        var before = await forum.PublishAsync(author, "Trước cửa sổ");
        var first = await forum.PublishAsync(author, "Phát lại một");
        await ForumUnderTest.EditAsync(author, first, 1, "Phát lại một (sửa)", "Sửa");
        var second = await forum.PublishAsync(author, "Phát lại hai", board: "hoi-dap");
        var posts = await forum.FeedAsync("posts");
        var window = posts.Where(e => e.GetProperty("streamId").GetGuid() == first && e.GetProperty("version").GetInt64() == 1).Single().GetProperty("time").GetDateTimeOffset();
        var expected = posts
            .Where(e => e.GetProperty("type").GetString() == "PostPublished" && e.GetProperty("time").GetDateTimeOffset() >= window)
            .ToList();
        Assert.Equal([first, second], expected.Select(e => e.GetProperty("streamId").GetGuid()));
        await Eventually.ValueAsync(() => Task.FromResult(_live.Any(c => c.Message.PostId == second) ? "" : null), what: "the live publish of the second post");
        var liveBefore = _live.Count;

        var run = await forum.ForumctlAsync(["replay", "--to-queue", _queue, "--rabbitmq", forum.RabbitMq.ToString(), "--service", "posts",
            "--type", "PostPublished", "--from", window.ToString("O"), .. forum.AsAdmin]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Replayed 2 of", run.Output);
        await Eventually.ValueAsync(() => Task.FromResult(_replayed.Count >= expected.Count ? "" : null), what: "the replayed events");
        var replayed = _replayed.ToList();
        Assert.Equal(expected.Select(e => e.GetProperty("eventId").GetGuid()), replayed.Select(c => c.MessageId!.Value));
        Assert.Equal([first, second], replayed.Select(c => c.Message.PostId));
        Assert.Equal(["Phát lại một", "Phát lại hai"], replayed.Select(c => c.Message.Title));
        foreach (var (stored, context) in expected.Zip(replayed))
        {
            Assert.Equal("posts", context.Headers.Get<string>(IntegrationHeaders.SourceService));
            Assert.Equal(stored.GetProperty("sequence").GetInt64(), context.Headers.Get<long>(IntegrationHeaders.Sequence));
            Assert.Equal(1L, context.Headers.Get<long>(IntegrationHeaders.StreamVersion));
            Assert.Equal(stored.GetProperty("streamId").GetGuid().ToString(), context.Headers.Get<string>(IntegrationHeaders.StreamId));
        }
        Assert.DoesNotContain(replayed, c => c.Message.PostId == before);

        // A later live event is queued behind anything the replay could have sent to the live
        // queue; once it has arrived, the live consumer has seen all it ever will of the replay.
        var after = await forum.PublishAsync(author, "Sau khi phát lại");
        await Eventually.ValueAsync(() => Task.FromResult(_live.Any(c => c.Message.PostId == after) ? "" : null), what: "the live publish after the replay");
        Assert.Equal(liveBefore + 1, _live.Count);
        Assert.DoesNotContain(_replayed, c => c.Message.PostId == after);
    }

    [Fact]
    public async Task A_queue_that_does_not_exist_is_a_clear_error_and_nothing_is_published()
    {
        var run = await forum.ForumctlAsync(["replay", "--to-queue", "no-such-queue", "--rabbitmq", forum.RabbitMq.ToString(), "--service", "posts", .. forum.AsAdmin]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("There is no queue 'no-such-queue'", run.Output);
        Assert.False(run.ShowsStackTrace, run.Output);
    }

    public async Task DisposeAsync() => await _bus.StopAsync();
}
