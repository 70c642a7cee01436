using Forum.Contracts.Accounts;
using Forum.EventSourcing.MemberStanding;
using MassTransit;

namespace Forum.Gateway.Accounts.Announcing;

/// <summary>
/// A change of a member's standing not yet announced to the services: saved with the account,
/// published by the <see cref="MemberAnnouncer"/> as <see cref="MemberSuspended"/> or
/// <see cref="MemberReinstated"/> (its id is the message id), deleted once the broker took it.
/// </summary>
public sealed record StandingAnnouncement(
    Guid Id, Guid AccountId, string UserName, bool Suspended, DateTimeOffset? Until, string Reason, string Moderator, DateTimeOffset At, long StandingVersion)
{
    public static StandingAnnouncement Suspension(Account account) => new(
        Guid.CreateVersion7(), account.Id, account.UserName, true, account.Suspension!.Until, account.Suspension.Reason,
        account.Suspension.Moderator, account.Suspension.SuspendedAt, account.StandingVersion);

    public static StandingAnnouncement Reinstatement(Account account, string moderator, DateTimeOffset at) =>
        new(Guid.CreateVersion7(), account.Id, account.UserName, false, null, "", moderator, at, account.StandingVersion);

    /// <summary>Publishes the integration event, with this announcement's id as its message id (consumers drop a repeat).</summary>
    public Task PublishAsync(IPublishEndpoint bus, CancellationToken cancellationToken) => Suspended
        ? bus.Publish(new MemberSuspended(AccountId, UserName, Until, Reason, Moderator, At, StandingVersion), context => context.MessageId = Id, cancellationToken)
        : bus.Publish(new MemberReinstated(AccountId, UserName, Moderator, At, StandingVersion), context => context.MessageId = Id, cancellationToken);

    public MemberStandingRecord Record => new(AccountId, StandingVersion, Suspended, Until, Reason);
}
