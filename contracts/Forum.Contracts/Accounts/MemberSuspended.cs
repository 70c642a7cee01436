namespace Forum.Contracts.Accounts;

/// <summary>
/// A moderator suspended a member: until <paramref name="Until"/>, or for good when it is null.
/// Every service and every gateway replica refuses the member's tokens and sessions from the
/// moment it hears this (not when the tokens expire), until <see cref="MemberReinstated"/> or the
/// end of the suspension. Published by the gateway, which keeps the accounts.
/// </summary>
/// <param name="AccountId">The member's account id, as in their tokens.</param>
/// <param name="UserName">Their user name.</param>
/// <param name="Until">When the suspension ends by itself (UTC); null for good.</param>
/// <param name="Reason">Why, in the moderator's words: the member is shown it.</param>
/// <param name="Moderator">The moderator's user name.</param>
/// <param name="SuspendedAt">When (UTC).</param>
/// <param name="StandingVersion">Counts the member's standing changes (suspensions, reinstatements, sign-outs everywhere): a consumer ignores one older than what it has.</param>
/// <param name="TokensValidFrom">Tokens issued before this no longer work (a password reset or change); null when none were revoked. Contract version 2.</param>
public sealed record MemberSuspended(
    Guid AccountId, string UserName, DateTimeOffset? Until, string Reason, string Moderator, DateTimeOffset SuspendedAt, long StandingVersion,
    DateTimeOffset? TokensValidFrom = null);
