namespace Forum.ServiceDefaults.Security;

/// <summary>Why a member may not act now (a suspension), in words they are shown.</summary>
/// <param name="Until">When it ends by itself; null for good.</param>
public sealed record StandingRefusal(string Reason, DateTimeOffset? Until);

/// <summary>
/// Whether a member is in good standing. Where a process registers one, every token and session
/// it is shown is checked against it after the signature, so a suspended member's still-valid
/// tokens stop working at once rather than when they expire.
/// </summary>
public interface IMemberStanding
{
    /// <summary>Null when the member may act; otherwise why not.</summary>
    StandingRefusal? RefusalFor(Guid accountId);

    /// <summary>Whether a token issued at <paramref name="issuedAt"/> was revoked (a password reset or change since).</summary>
    bool IsRevoked(Guid accountId, DateTimeOffset issuedAt);
}
