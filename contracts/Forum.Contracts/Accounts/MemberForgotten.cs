namespace Forum.Contracts.Accounts;

/// <summary>
/// A member left the forum. Every service deletes the key their personal data is sealed with, and
/// what it keeps of them elsewhere, so that their name appears nowhere again: events name them as
/// <see cref="FormerMemberName"/> from then on. Carries no name: it would outlive them in the broker.
/// </summary>
/// <param name="AccountId">The account that was closed.</param>
/// <param name="At">When they left (UTC).</param>
public sealed record MemberForgotten(Guid AccountId, DateTimeOffset At)
{
    /// <summary>The name events and pages give a member who left: no user name can be it (names hold no brackets).</summary>
    public const string FormerMemberName = "[deleted]";
}
