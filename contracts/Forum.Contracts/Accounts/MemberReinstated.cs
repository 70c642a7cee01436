namespace Forum.Contracts.Accounts;

/// <summary>A moderator lifted a member's suspension before it ended: their tokens and sessions work again.</summary>
/// <param name="AccountId">The member's account id.</param>
/// <param name="UserName">Their user name.</param>
/// <param name="Moderator">The moderator's user name.</param>
/// <param name="ReinstatedAt">When (UTC).</param>
/// <param name="StandingVersion">As in <see cref="MemberSuspended"/>: higher than the suspension it lifts.</param>
/// <param name="TokensValidFrom">As in <see cref="MemberSuspended"/>. Contract version 2.</param>
public sealed record MemberReinstated(Guid AccountId, string UserName, string Moderator, DateTimeOffset ReinstatedAt, long StandingVersion, DateTimeOffset? TokensValidFrom = null);
