using Forum.Gateway.PageViews;
using Microsoft.Extensions.Options;

namespace Forum.Gateway.Tests.Views;

/// <summary>The in-memory buffer between serving a post and sending its hit: never blocks, never loses what it took.</summary>
public sealed class Buffering_view_hits
{
    private static ViewHitBuffer Buffer(int batchSize = 100, int capacity = 1_000_000) =>
        new(Options.Create(new ViewCountingOptions { MaxBatchSize = batchSize, MaxBufferedHits = capacity }));

    private static ViewHit Hit(int i) => new(Guid.Empty, $"anon:{i}", DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Many_readers_adding_at_once_while_the_sender_takes_batches_lose_nothing_and_never_fail()
    {
        var buffer = Buffer(batchSize: 50);
        var taken = 0;
        using var done = new CancellationTokenSource();
        var sender = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested || buffer.Count > 0)
            {
                await buffer.WaitForFullBatchAsync(TimeSpan.FromMilliseconds(5), CancellationToken.None);
                // Taking less than a batch keeps the buffer above a batch, so fill-up signals keep coming.
                taken += buffer.Take(10).Count;
            }
        });

        await Parallel.ForEachAsync(Enumerable.Range(0, 200_000), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            (i, _) =>
            {
                Assert.True(buffer.TryAdd(Hit(i)));
                return ValueTask.CompletedTask;
            });
        done.Cancel();
        await sender;

        Assert.Equal(200_000, taken);
    }

    [Fact]
    public async Task A_batch_filling_up_again_while_the_sender_is_busy_is_no_fault()
    {
        var buffer = Buffer(batchSize: 5);
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 7; i++)
            {
                Assert.True(buffer.TryAdd(Hit(i)));
            }
            await buffer.WaitForFullBatchAsync(TimeSpan.FromMilliseconds(1), CancellationToken.None);
            Assert.Equal(5, buffer.Take(5).Count);
        }

        Assert.Equal(10, buffer.Take(100).Count);
    }

    [Fact]
    public void A_full_buffer_refuses_instead_of_waiting_and_a_completed_one_takes_no_more()
    {
        var buffer = Buffer(batchSize: 2, capacity: 3);

        Assert.Equal([true, true, true, false], Enumerable.Range(0, 4).Select(i => buffer.TryAdd(Hit(i))));
        Assert.Equal(2, buffer.Take(2).Count);
        buffer.Complete();
        Assert.False(buffer.TryAdd(Hit(9)));
        Assert.Single(buffer.Take(10));
    }

    [Fact]
    public async Task A_full_batch_wakes_the_sender_before_the_interval()
    {
        var buffer = Buffer(batchSize: 10);
        var waiting = buffer.WaitForFullBatchAsync(TimeSpan.FromMinutes(5), CancellationToken.None);
        for (var i = 0; i < 10; i++)
        {
            buffer.TryAdd(Hit(i));
        }

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(10, buffer.Take(100).Count);
    }
}
