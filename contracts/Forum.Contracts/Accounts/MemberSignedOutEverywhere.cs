namespace Forum.Contracts.Accounts;

/// <summary>
/// A member's password was reset or changed: every token issued before <paramref name="TokensValidFrom"/>
/// stops working in every service and gateway replica from the moment it hears this (not when the
/// tokens expire). It carries the member's whole standing, so it replaces what a consumer held.
/// </summary>
/// <param name="AccountId">The member's account id, as in their tokens.</param>
/// <param name="StandingVersion">As in <see cref="MemberSuspended"/>.</param>
/// <param name="Suspended">Whether the member is suspended, with <paramref name="Until"/> and <paramref name="Reason"/> as in <see cref="MemberSuspended"/>.</param>
public sealed record MemberSignedOutEverywhere(
    Guid AccountId, DateTimeOffset TokensValidFrom, long StandingVersion, bool Suspended, DateTimeOffset? Until, string Reason);
