using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;
using Npgsql;
using Xunit.Abstractions;
using PostPublished = Forum.Contracts.Posts.PostPublished;

namespace Forum.System.Tests;

/// <summary>
/// The event store is the outbox: a crash of the forwarding service between publishing and
/// recording its progress publishes again, and consumers make that harmless. Nothing committed
/// is lost, nothing delivered twice is counted twice.
/// </summary>
public sealed class Forwarding_when_the_posts_service_crashes(ForumSystem forum, ITestOutputHelper output) : IClassFixture<ForumSystem>
{
    private const int Posts = 1_000;
    private const int KillAfter = 400;
    private const string Board = "crash-test";

    [Fact]
    public async Task Every_one_of_1000_posts_reaches_the_read_model_exactly_once_though_the_service_is_killed_midway()
    {
        await using var observer = await BrokerObserver<PostPublished>.StartAsync(forum.RabbitMq);
        using var writer = await forum.SignUpAsync("người_viết");
        await forum.CreateBoardAsync(Board);
        var acknowledged = new ConcurrentDictionary<Guid, bool>();
        var reserved = 0;
        var failedAttempts = 0;
        var restarted = new TaskCompletionSource();
        var crash = Task.Run(async () =>
        {
            await Eventually.ValueAsync(() => Task.FromResult(acknowledged.Count), n => n >= KillAfter, TimeSpan.FromMinutes(2));
            forum.Posts.Kill();
            forum.Posts.Start();
            await forum.Posts.WaitUntilReadyAsync();
            restarted.SetResult();
        });

        await Parallel.ForEachAsync(Enumerable.Range(0, 8), async (_, _) =>
        {
            while (Interlocked.Increment(ref reserved) <= Posts)
            {
                var number = reserved;
                // A write is retried until it is acknowledged, as a patient user would.
                while (true)
                {
                    try
                    {
                        var response = await writer.PostAsJsonAsync("/api/posts", new { board = Board, title = $"Bài số {number} — 한국", body = "Nội dung" });
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged[(await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()] = true;
                            break;
                        }
                    }
                    catch (HttpRequestException)
                    {
                    }
                    Interlocked.Increment(ref failedAttempts);
                    await Task.Delay(50);
                }
            }
        });
        await crash;
        Assert.True(restarted.Task.IsCompleted);
        Assert.Equal(Posts, acknowledged.Count);

        var stored = await StoredPostIdsAsync();
        Assert.Empty(acknowledged.Keys.Except(stored));

        var listing = await Eventually.ValueAsync(
            () => forum.Client.GetFromJsonAsync<JsonElement>($"/api/boards/{Board}/posts?pageSize=1"),
            l => l.GetProperty("totalPosts").GetInt32() >= stored.Count, TimeSpan.FromSeconds(30), "every post in the listing");
        Assert.True(listing.GetProperty("totalPosts").GetInt32() == stored.Count, $"listing shows {listing.GetProperty("totalPosts")} of {stored.Count}\n{forum.Logs}");

        var listed = new List<Guid>();
        for (var page = 1; page <= (stored.Count + 99) / 100; page++)
        {
            var posts = (await forum.Client.GetFromJsonAsync<JsonElement>($"/api/boards/{Board}/posts?pageSize=100&page={page}")).GetProperty("posts");
            listed.AddRange(posts.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        }
        Assert.Equal(stored.Order(), listed.Order());

        var deliveries = await Eventually.ValueAsync(
            () => Task.FromResult(observer.Deliveries), d => d.Select(m => m.MessageId).Distinct().Count() >= stored.Count, TimeSpan.FromSeconds(30));
        var delivered = deliveries.Select(d => d.Message.PostId).ToHashSet();
        Assert.Equal(stored.Order(), delivered.Order());
        Assert.Equal(stored.Count, deliveries.Select(d => d.MessageId).Distinct().Count());

        output.WriteLine($"acknowledged {acknowledged.Count}, stored {stored.Count} (committed but unanswered: {stored.Count - acknowledged.Count}), " +
                         $"deliveries {deliveries.Count} (published again after the crash: {deliveries.Count - stored.Count}), failed attempts {failedAttempts}, listed {listed.Count}");
    }

    private async Task<HashSet<Guid>> StoredPostIdsAsync()
    {
        await using var connection = new NpgsqlConnection(forum.DatabaseConnections["posts"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select stream_id from forum.mt_events where type = 'post_published'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }
}
