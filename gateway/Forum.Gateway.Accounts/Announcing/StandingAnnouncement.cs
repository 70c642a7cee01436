using Forum.Contracts.Accounts;
using Forum.EventSourcing.MemberStanding;
using MassTransit;

namespace Forum.Gateway.Accounts.Announcing;

/// <summary>
/// A change of a member's standing not yet announced to the services: saved with the account,
/// published by the <see cref="MemberAnnouncer"/> as <see cref="MemberSuspended"/>,
/// <see cref="MemberReinstated"/> or <see cref="MemberSignedOutEverywhere"/> (its id is the
/// message id), deleted once the broker took it. Each carries the whole standing, so whichever
/// is newest is all a service needs.
/// </summary>
public sealed record StandingAnnouncement(
    Guid Id, Guid AccountId, string UserName, bool Suspended, DateTimeOffset? Until, string Reason, string Moderator, DateTimeOffset At, long StandingVersion,
    DateTimeOffset? TokensValidFrom = null, bool SignedOut = false)
{
    public static StandingAnnouncement Suspension(Account account) => new(
        Guid.CreateVersion7(), account.Id, account.UserName, true, account.Suspension!.Until, account.Suspension.Reason,
        account.Suspension.Moderator, account.Suspension.SuspendedAt, account.StandingVersion, account.SessionsValidFrom);

    public static StandingAnnouncement Reinstatement(Account account, string moderator, DateTimeOffset at) =>
        new(Guid.CreateVersion7(), account.Id, account.UserName, false, null, "", moderator, at, account.StandingVersion, account.SessionsValidFrom);

    /// <summary>The member's password was reset or changed: their older tokens stop working everywhere.</summary>
    public static StandingAnnouncement SignOut(Account account, DateTimeOffset now) => new(
        Guid.CreateVersion7(), account.Id, account.UserName, account.IsSuspendedAt(now), account.IsSuspendedAt(now) ? account.Suspension!.Until : null,
        account.IsSuspendedAt(now) ? account.Suspension!.Reason : "", "", now, account.StandingVersion, account.SessionsValidFrom, SignedOut: true);

    /// <summary>Publishes the integration event, with this announcement's id as its message id (consumers drop a repeat).</summary>
    public Task PublishAsync(IPublishEndpoint bus, CancellationToken cancellationToken) => (SignedOut, Suspended) switch
    {
        (true, _) => bus.Publish(new MemberSignedOutEverywhere(AccountId, TokensValidFrom ?? At, StandingVersion, Suspended, Until, Reason), context => context.MessageId = Id, cancellationToken),
        (false, true) => bus.Publish(new MemberSuspended(AccountId, UserName, Until, Reason, Moderator, At, StandingVersion, TokensValidFrom), context => context.MessageId = Id, cancellationToken),
        _ => bus.Publish(new MemberReinstated(AccountId, UserName, Moderator, At, StandingVersion, TokensValidFrom), context => context.MessageId = Id, cancellationToken),
    };

    public MemberStandingRecord Record => new(AccountId, StandingVersion, Suspended, Until, Reason, TokensValidFrom);
}
