using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Forum.Testing;
using RabbitMQ.Client;

namespace Forum.Cli.Tests.Redriving;

/// <summary>
/// A message a consumer cannot process goes, after its retries, to the consumer's <c>_error</c>
/// queue (after retries backing off from 50 ms to 10 s) and is counted; <c>forumctl messages redrive</c> moves such messages back to their queue
/// unchanged once their cause is fixed.
/// </summary>
[Collection(ForumCollection.Name)]
public sealed class Redriving_an_error_queue(ForumUnderTest forum, Xunit.Abstractions.ITestOutputHelper output)
{
    private const string MassTransitJson = "application/vnd.masstransit+json";

    [Fact]
    public async Task A_message_the_gateway_cannot_project_lands_in_its_error_queue_after_retries_with_back_off_is_counted_and_can_be_redriven()
    {
        var queue = await QueueOfAsync("gateway");
        var messageId = Guid.NewGuid();
        // A PostPublished without its title, board or author, as a faulty publisher might send it.
        var body = $$$"""{"messageId":"{{{messageId}}}","messageType":["urn:message:Forum.Contracts.Posts:PostPublished"],"message":{"postId":"{{{Guid.NewGuid()}}}","version":1}}""";
        var clock = global::System.Diagnostics.Stopwatch.StartNew();
        await using (var publisher = await new ConnectionFactory { Uri = forum.RabbitMq }.CreateConnectionAsync())
        await using (var publishing = await publisher.CreateChannelAsync())
        {
            var properties = new BasicProperties { MessageId = messageId.ToString(), ContentType = MassTransitJson, DeliveryMode = DeliveryModes.Persistent };
            await publishing.BasicPublishAsync("", queue, mandatory: true, properties, Encoding.UTF8.GetBytes(body));
        }

        // The retries back off 50 ms, 200 ms, 1 s, 3 s and 10 s before MassTransit gives up on it.
        await Eventually.ValueAsync(() => MessagesInAsync(queue + "_error"), n => n == 1, TimeSpan.FromSeconds(60), "the message in the error queue");
        Assert.Equal(1, await MessagesInAsync(queue + "_error"));
        output.WriteLine($"in the error queue after {clock.Elapsed.TotalSeconds:0.0} s");
        await using (var peeker = await new ConnectionFactory { Uri = forum.RabbitMq }.CreateConnectionAsync())
        await using (var peeking = await peeker.CreateChannelAsync())
        {
            var failed = await peeking.BasicGetAsync(queue + "_error", autoAck: false);
            Assert.NotNull(failed);
            Assert.Equal(messageId.ToString(), failed.BasicProperties.MessageId);
            // MassTransit notes how often it was tried: once, then once per retry interval.
            Assert.Equal("5", Header(failed.BasicProperties, "MT-Fault-RetryCount"));
            await peeking.BasicNackAsync(failed.DeliveryTag, multiple: false, requeue: true);
        }
        var metrics = await Eventually.ValueAsync(
            () => new HttpClient { BaseAddress = forum.Gateway.BaseAddress }.GetStringAsync("/metrics"),
            text => text.Contains("forum_messages_faulted", StringComparison.Ordinal), what: "the fault in the metrics");
        Assert.Contains(metrics.Split('\n'), line => line.StartsWith("forum_messages_faulted_total{", StringComparison.Ordinal)
            && line.Contains($"queue=\"{queue}\"", StringComparison.Ordinal) && line[(line.LastIndexOf('}') + 2)..].Split(' ')[0] == "1");

        // Re-driven, it is taken by the consumer again; it still cannot be projected, so it comes back.
        var run = await forum.ForumctlAsync("messages", "redrive", "--queue", queue + "_error", "--rabbitmq", forum.RabbitMq.ToString());
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains($"Moved 1 messages from {queue}_error back to {queue}.", run.Output, StringComparison.Ordinal);
        await Eventually.ValueAsync(() => MessagesInAsync(queue + "_error"), n => n == 1, TimeSpan.FromSeconds(60), "the message back in the error queue");
        Assert.Equal(1, await MessagesInAsync(queue + "_error"));
        await using var connection = await new ConnectionFactory { Uri = forum.RabbitMq }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueuePurgeAsync(queue + "_error");
    }

    [Fact]
    public async Task Redriving_moves_every_message_back_to_its_queue_with_its_id_headers_and_body()
    {
        var queue = $"redrive-{Guid.NewGuid():N}";
        await using var connection = await new ConnectionFactory { Uri = forum.RabbitMq }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueDeclareAsync(queue + "_error", durable: true, exclusive: false, autoDelete: false);
        var sent = Enumerable.Range(0, 3).Select(i => (Id: Guid.NewGuid().ToString(), Body: $"{{\"n\":{i},\"text\":\"Tiếng Việt 한국\"}}")).ToList();
        foreach (var (id, body) in sent)
        {
            var properties = new BasicProperties
            {
                MessageId = id,
                ContentType = MassTransitJson,
                DeliveryMode = DeliveryModes.Persistent,
                Headers = new Dictionary<string, object?> { ["MT-Fault-Message"] = Encoding.UTF8.GetBytes("the database was away"), ["Forum-Sequence"] = 42L },
            };
            await channel.BasicPublishAsync("", queue + "_error", mandatory: true, properties, Encoding.UTF8.GetBytes(body));
        }

        var run = await forum.ForumctlAsync("messages", "redrive", "--queue", queue + "_error", "--rabbitmq", forum.RabbitMq.ToString());

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains($"Moved 3 messages from {queue}_error back to {queue}.", run.Output, StringComparison.Ordinal);
        Assert.Null(await channel.BasicGetAsync(queue + "_error", autoAck: true));
        foreach (var (id, body) in sent)
        {
            var moved = await channel.BasicGetAsync(queue, autoAck: true);
            Assert.NotNull(moved);
            Assert.Equal(id, moved.BasicProperties.MessageId);
            Assert.Equal(MassTransitJson, moved.BasicProperties.ContentType);
            Assert.Equal(body, Encoding.UTF8.GetString(moved.Body.Span));
            Assert.Equal("the database was away", Encoding.UTF8.GetString((byte[])moved.BasicProperties.Headers!["MT-Fault-Message"]!));
            Assert.Equal(42L, moved.BasicProperties.Headers["Forum-Sequence"]);
        }
        await channel.QueueDeleteAsync(queue);
        await channel.QueueDeleteAsync(queue + "_error");
    }

    [Fact]
    public async Task Redriving_a_queue_that_is_not_an_error_queue_or_does_not_exist_is_refused()
    {
        var notError = await forum.ForumctlAsync("messages", "redrive", "--queue", "comments-post-events", "--rabbitmq", forum.RabbitMq.ToString());
        Assert.NotEqual(0, notError.ExitCode);
        Assert.Contains("_error", notError.Output, StringComparison.Ordinal);
        Assert.False(notError.ShowsStackTrace, notError.Output);

        var missing = await forum.ForumctlAsync("messages", "redrive", "--queue", "no-such-queue_error", "--rabbitmq", forum.RabbitMq.ToString());
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("There is no queue 'no-such-queue_error'", missing.Output, StringComparison.Ordinal);
        Assert.False(missing.ShowsStackTrace, missing.Output);
    }

    private static string? Header(IReadOnlyBasicProperties properties, string name) =>
        (properties.Headers is { } headers && headers.TryGetValue(name, out var value) ? value : null) switch
        {
            byte[] text => Encoding.UTF8.GetString(text),
            null => null,
            var other => Convert.ToString(other, global::System.Globalization.CultureInfo.InvariantCulture),
        };

    /// <summary>The queue of a service's consumer of post events, as MassTransit declared it.</summary>
    private async Task<string> QueueOfAsync(string service)
    {
        using var management = forum.ManagementClient();
        var queues = await management.GetFromJsonAsync<JsonElement>($"api/queues/{Uri.EscapeDataString(forum.VirtualHost)}");
        return queues.EnumerateArray().Select(q => q.GetProperty("name").GetString()!)
            .Single(name => name.StartsWith(service + "-", StringComparison.Ordinal) && name.Contains("post", StringComparison.Ordinal) && !name.EndsWith("_error", StringComparison.Ordinal) && !name.EndsWith("_skipped", StringComparison.Ordinal));
    }

    private async Task<long> MessagesInAsync(string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = forum.RabbitMq }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return -1;
        }
    }
}
