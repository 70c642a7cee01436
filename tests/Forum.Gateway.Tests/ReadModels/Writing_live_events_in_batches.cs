using System.Diagnostics.Metrics;
using Forum.Contracts.Posts;
using Forum.Gateway.ReadModels;
using Forum.Gateway.ReadModels.Posts;
using Forum.Gateway.Tests.Accounts;
using Forum.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Gateway.Tests.ReadModels;

/// <summary>
/// Live events that arrive together are written together; one among them that cannot be
/// projected fails alone, and every other one is in the read models when its consumer is told so.
/// Against the gateway's real database.
/// </summary>
[Collection(nameof(GatewayCollection))]
public sealed class Writing_live_events_in_batches(GatewayFixture gateway)
{
    private static readonly DateTimeOffset T = new(2026, 11, 29, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_poison_event_among_many_arriving_together_fails_alone_and_the_others_are_written()
    {
        var batchSizes = new List<int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "forum.projection.batch_size")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, size, _, _) => { lock (batchSizes) { batchSizes.Add(size); } });
        listener.Start();

        var writer = gateway.Factory.Services.GetRequiredService<ReadModelWriter>();
        var store = gateway.Factory.Services.GetRequiredService<IDocumentStore>();

        // Both of the writer's workers are held up on post rows the test keeps locked, so the
        // events below gather, and the first worker let go writes them together.
        var held = new[] { Guid.NewGuid(), Guid.NewGuid() };
        foreach (var id in held)
        {
            await writer.WriteAsync(new PostPublished(id, 1, "tin-tuc", "Chờ", "", "", "minh", T, false), CancellationToken.None);
        }
        // Each row is locked by a transaction of its own, so that the workers can be let go one
        // at a time: let go together, both would drain the events below at once and split them.
        await using var first = await LockedRow.LockAsync(store, held[0]);
        await using var second = await LockedRow.LockAsync(store, held[1]);
        // Handed over one at a time: together, both could go to one worker in one batch and leave
        // the other free to take the events below as they come.
        var heldUp = new List<Task>();
        foreach (var id in held)
        {
            heldUp.Add(writer.WriteAsync(new PostLockChanged(id, 2, true, T), CancellationToken.None));
            var workers = heldUp.Count;
            var waiting = await Eventually.ValueAsync(() => WaitingOnLocksAsync(store), n => n >= workers, TimeSpan.FromSeconds(30));
            Assert.True(waiting >= workers, $"{workers} of the writer's workers should be waiting on the locked rows; {waiting} are");
        }

        var good = Enumerable.Range(0, 40)
            .Select(i => new PostPublished(Guid.NewGuid(), 1, "tin-tuc", $"Bài {i} 𝐑𝐄𝐕𝐈𝐄𝐖", $"tóm tắt {i}", $"<p>nội dung {i}</p>", "minh", T.AddSeconds(i), false))
            .ToList();
        // What a faulty publisher might send: no board, title or author.
        var poison = new PostPublished(Guid.NewGuid(), 1, null!, null!, "", "", null!, T, false);
        var writes = good.Take(20).Append(poison).Concat(good.Skip(20))
            .Select(e => (e.PostId, Write: writer.WriteAsync(e, CancellationToken.None)))
            .ToList();
        // The worker let go first finds all of them waiting and takes them in one batch; the other
        // stays held until they are written.
        await first.ReleaseAsync();
        await heldUp[0];
        await Task.WhenAll(writes.Select(w => w.Write.ContinueWith(_ => { }, TaskScheduler.Default)));
        await second.ReleaseAsync();
        await heldUp[1];

        Assert.All(writes.Where(w => w.PostId != poison.PostId), w => Assert.True(w.Write.IsCompletedSuccessfully, w.Write.Exception?.ToString()));
        Assert.True(writes.Single(w => w.PostId == poison.PostId).Write.IsFaulted, "the poison event was acknowledged");
        await using var session = store.QuerySession();
        var stored = await session.LoadManyAsync<PostSummary>(good.Select(e => e.PostId).ToArray());
        Assert.Equal(good.Select(e => e.Title).Order(), stored.Select(p => p.Title).Order());
        lock (batchSizes)
        {
            Assert.Contains(batchSizes, size => size == good.Count + 1);
        }
    }

    private static async Task<long> WaitingOnLocksAsync(IDocumentStore store)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike '%postsummary%'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A post row locked by a transaction the test holds open; closing the connection lets it go.</summary>
    private sealed class LockedRow(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction holding) : IAsyncDisposable
    {
        public static async Task<LockedRow> LockAsync(IDocumentStore store, Guid postId)
        {
            var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync();
            var holding = await connection.BeginTransactionAsync();
            await using var lockRow = new Npgsql.NpgsqlCommand("select id from forum.mt_doc_postsummary where id = $1 for update", connection, holding);
            lockRow.Parameters.AddWithValue(postId);
            await lockRow.ExecuteScalarAsync();
            return new LockedRow(connection, holding);
        }

        public Task ReleaseAsync() => holding.RollbackAsync();

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
