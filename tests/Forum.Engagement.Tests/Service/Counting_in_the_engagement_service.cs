using Forum.EventSourcing.PersonalData;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Engagement.CountingViews;
using Forum.Engagement.KnowingPosts;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Engagement.Tests.Service;

/// <summary>The engagement service's store, as several replicas share it.</summary>
public sealed class Counting_in_the_engagement_service(EngagementServiceFixture service) : IClassFixture<EngagementServiceFixture>
{
    [Fact]
    public async Task A_viewer_window_opened_or_moved_by_another_replica_since_it_was_read_is_not_overwritten()
    {
        var schema = service.Store.Options.DatabaseSchemaName;
        var postId = Guid.NewGuid();
        var first = new ViewerWindow(Guid.NewGuid(), postId, DateTimeOffset.UtcNow.AddHours(-2));
        await using var one = await OpenConnectionAsync();
        await using var two = await OpenConnectionAsync();

        // Both replicas read the window as never opened; the second to open it is refused.
        var readByOne = await ViewerWindows.LastCountedAsync(one, schema, [first.Id], CancellationToken.None);
        var readByTwo = await ViewerWindows.LastCountedAsync(two, schema, [first.Id], CancellationToken.None);
        await ViewerWindows.OpenAsync(one, schema, [first], readByOne, CancellationToken.None);
        await Assert.ThrowsAsync<ViewerWindowsChangedException>(
            () => ViewerWindows.OpenAsync(two, schema, [first with { LastCountedAt = DateTimeOffset.UtcNow }], readByTwo, CancellationToken.None));

        // Both read it as last counted two hours ago; the second to move it is refused.
        readByOne = await ViewerWindows.LastCountedAsync(one, schema, [first.Id], CancellationToken.None);
        readByTwo = await ViewerWindows.LastCountedAsync(two, schema, [first.Id], CancellationToken.None);
        var movedByOne = first with { LastCountedAt = DateTimeOffset.UtcNow.AddMinutes(-1) };
        await ViewerWindows.OpenAsync(one, schema, [movedByOne], readByOne, CancellationToken.None);
        await Assert.ThrowsAsync<ViewerWindowsChangedException>(
            () => ViewerWindows.OpenAsync(two, schema, [first with { LastCountedAt = DateTimeOffset.UtcNow }], readByTwo, CancellationToken.None));

        var stored = await ViewerWindows.LastCountedAsync(one, schema, [first.Id], CancellationToken.None);
        Assert.Equal(movedByOne.LastCountedAt.ToUnixTimeMilliseconds(), stored[first.Id].ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task The_same_batch_delivered_six_times_at_once_is_counted_once_and_every_delivery_is_acknowledged()
    {
        var post = new EngageablePost(Guid.NewGuid(), new PersonalText(Guid.Empty, "minh"), Deleted: false, Version: 1, AuthorId: Guid.NewGuid());
        await using (var setup = service.Store.LightweightSession())
        {
            setup.Insert(post);
            await setup.SaveChangesAsync();
        }
        using var gateway = service.As("gateway", Guid.NewGuid(), "service");
        var now = DateTimeOffset.UtcNow;
        var batch = new { batchId = Guid.NewGuid(), hits = Enumerable.Range(0, 50).Select(i => new { postId = post.Id, viewer = $"anon:{i % 20}", at = now }).ToList() };

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => gateway.PostAsJsonAsync("/internal/view-batches", batch)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var receipts = await Task.WhenAll(answers.Select(a => a.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(1, receipts.Count(r => !r.GetProperty("alreadyCounted").GetBoolean()));
        Assert.All(receipts, r => Assert.Equal(20, r.GetProperty("counted").GetInt64()));
        await using var query = service.Store.QuerySession();
        Assert.Equal(20, (await query.LoadAsync<Streams.PostEngagement>(post.Id))!.Views);
    }

    [Fact]
    public async Task Housekeeping_removes_windows_long_expired_and_old_batch_ids_and_keeps_the_rest()
    {
        var schema = service.Store.Options.DatabaseSchemaName;
        var now = DateTimeOffset.UtcNow;
        var expired = new ViewerWindow(Guid.NewGuid(), Guid.NewGuid(), now.AddHours(-3));
        var lately = new ViewerWindow(Guid.NewGuid(), Guid.NewGuid(), now.AddMinutes(-90));
        var oldBatch = new CountedViewBatch(Guid.NewGuid(), now.AddDays(-8), 10, 3);
        var recentBatch = new CountedViewBatch(Guid.NewGuid(), now.AddDays(-1), 10, 3);
        await using (var connection = await OpenConnectionAsync())
        {
            await ViewerWindows.OpenAsync(connection, schema, [expired, lately], new Dictionary<Guid, DateTimeOffset>(), CancellationToken.None);
        }
        await using (var setup = service.Store.LightweightSession())
        {
            setup.Insert(oldBatch, recentBatch);
            await setup.SaveChangesAsync();
        }

        await service.Services.GetRequiredService<ViewHousekeeping>().SweepAsync(CancellationToken.None);

        await using (var connection = await OpenConnectionAsync())
        {
            var left = await ViewerWindows.LastCountedAsync(connection, schema, [expired.Id, lately.Id], CancellationToken.None);
            Assert.Equal([lately.Id], left.Keys);
        }
        await using var query = service.Store.QuerySession();
        Assert.Null(await query.LoadAsync<CountedViewBatch>(oldBatch.Id));
        Assert.NotNull(await query.LoadAsync<CountedViewBatch>(recentBatch.Id));
    }

    private async Task<Npgsql.NpgsqlConnection> OpenConnectionAsync()
    {
        var connection = service.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        return connection;
    }
}
