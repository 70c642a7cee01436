using System.Collections.Concurrent;

namespace Forum.Gateway.Accounts.SigningIn;

/// <summary>
/// Slows password guessing: after a few failed sign-ins for one user name, each further attempt
/// must wait, twice as long each time, up to a quarter of an hour. Kept per gateway replica
/// (documented): an attacker spread over replicas still meets the per-IP rate limit.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int FreeFailures = 5;
    private static readonly TimeSpan Forgiveness = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset LastFailure)> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the caller must still wait before trying this name again; zero if not at all.</summary>
    public TimeSpan RetryAfter(string normalizedUserName)
    {
        if (!_failures.TryGetValue(normalizedUserName, out var state) || state.Failures < FreeFailures)
        {
            return TimeSpan.Zero;
        }
        var now = clock.GetUtcNow();
        if (now - state.LastFailure > Forgiveness)
        {
            _failures.TryRemove(normalizedUserName, out _);
            return TimeSpan.Zero;
        }
        var delay = TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, state.Failures - FreeFailures + 1)));
        var remaining = state.LastFailure + delay - now;
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    public void Failed(string normalizedUserName) =>
        _failures.AddOrUpdate(normalizedUserName, _ => (1, clock.GetUtcNow()), (_, s) => (s.Failures + 1, clock.GetUtcNow()));

    public void Succeeded(string normalizedUserName) => _failures.TryRemove(normalizedUserName, out _);
}
