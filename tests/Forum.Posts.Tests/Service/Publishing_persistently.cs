using Forum.EventSourcing;

namespace Forum.Posts.Tests.Service;

/// <summary>
/// How the forwarder publishes: an attempt that fails or hangs (a publish left waiting for a
/// confirm after a broker restart did so for good) is given up and tried again, so one stuck
/// publish cannot hold every event behind it.
/// </summary>
public sealed class Publishing_persistently
{
    [Fact]
    public async Task An_attempt_that_never_finishes_is_given_up_and_the_next_one_goes_through()
    {
        var attempts = 0;
        var failures = new List<(int Attempt, Exception Exception)>();
        var run = Persistently.RunAsync(async token =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                // The first publish hangs and pays no heed to its token.
                await new TaskCompletionSource().Task;
            }
        }, TimeSpan.FromMilliseconds(200), (attempt, exception) => failures.Add((attempt, exception)), CancellationToken.None);

        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, attempts);
        var failure = Assert.Single(failures);
        Assert.Equal(1, failure.Attempt);
        Assert.IsAssignableFrom<OperationCanceledException>(failure.Exception);
    }

    [Fact]
    public async Task A_failing_attempt_is_tried_again_until_it_succeeds_and_stopping_ends_it()
    {
        var attempts = 0;
        await Persistently.RunAsync(_ => ++attempts < 3 ? throw new InvalidOperationException("broker away") : Task.CompletedTask,
            TimeSpan.FromSeconds(5), (_, _) => { }, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, attempts);

        using var stopping = new CancellationTokenSource();
        var forever = Persistently.RunAsync(_ => throw new InvalidOperationException("broker away"), TimeSpan.FromSeconds(5), (_, _) => stopping.Cancel(), stopping.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => forever.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
