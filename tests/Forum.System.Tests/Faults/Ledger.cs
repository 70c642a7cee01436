using System.Collections.Concurrent;

namespace Forum.System.Tests.Faults;

/// <summary>
/// What the test's clients were told, as a Jepsen client keeps it: every write answered 2xx
/// (acknowledged), and every write that got an error or no answer (which may or may not have
/// happened). Each post, edit and comment carries a token of its own, so it can be found in
/// its service's stream whatever id it got.
/// </summary>
public sealed class Ledger
{
    /// <summary>Posts by title token; the id once acknowledged.</summary>
    public ConcurrentDictionary<string, Guid> AcknowledgedPosts { get; } = new();

    /// <summary>Posts given up on (every retry with the same Idempotency-Key failed).</summary>
    public ConcurrentDictionary<string, byte> UnansweredPosts { get; } = new();

    /// <summary>Edits by title token, with the post they changed.</summary>
    public ConcurrentDictionary<string, Guid> AcknowledgedEdits { get; } = new();

    public ConcurrentDictionary<string, Guid> UnansweredEdits { get; } = new();

    /// <summary>Comments by body token, with their post.</summary>
    public ConcurrentDictionary<string, Guid> AcknowledgedComments { get; } = new();

    public ConcurrentDictionary<string, Guid> UnansweredComments { get; } = new();

    /// <summary>Likes acknowledged with 204, by member and post.</summary>
    public ConcurrentDictionary<(int Member, Guid Post), byte> AcknowledgedLikes { get; } = new();

    /// <summary>Likes never acknowledged however often they were sent.</summary>
    public ConcurrentDictionary<(int Member, Guid Post), byte> UnansweredLikes { get; } = new();

    /// <summary>
    /// Every post page served (a view), by member and post: which gateway served it, and when it
    /// was asked for (the gateway buffers the hit after that and before its answer arrives, so a
    /// page asked for just before a gateway was killed may have been lost with it).
    /// </summary>
    public ConcurrentDictionary<(int Member, Guid Post), ConcurrentBag<(int Gateway, DateTime AskedAt)>> Views { get; } = new();

    /// <summary>Errors and missing answers, by what was sent and what came back.</summary>
    public ConcurrentDictionary<string, int> Failures { get; } = new();

    public void Failed(string what, string answer) => Failures.AddOrUpdate($"{what}: {answer}", 1, (_, n) => n + 1);

    public void Viewed(int member, Guid post, int gateway, DateTime askedAt) =>
        Views.GetOrAdd((member, post), _ => []).Add((gateway, askedAt));
}
