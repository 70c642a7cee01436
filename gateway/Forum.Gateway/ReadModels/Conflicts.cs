using JasperFx;

namespace Forum.Gateway.ReadModels;

/// <summary>
/// Read-model documents are written with optimistic concurrency: when two events of one post
/// are projected at once, one write fails and is retried against the fresh document, here and at
/// once rather than through the broker's slower redelivery.
/// </summary>
public static class Conflicts
{
    private const int Attempts = 20;

    public static async Task RetryAsync(Func<Task> attempt, CancellationToken cancellationToken)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                await attempt();
                return;
            }
            catch (Exception e) when (i < Attempts && IsConflict(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * i)), cancellationToken);
            }
        }
    }

    private static bool IsConflict(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is ConcurrencyException or DocumentAlreadyExistsException or Npgsql.PostgresException { SqlState: "23505" })
            {
                return true;
            }
        }
        return false;
    }
}
