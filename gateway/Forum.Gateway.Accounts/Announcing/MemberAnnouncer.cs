using System.Diagnostics;
using Forum.Contracts.Accounts;
using Forum.Gateway.Accounts.Leaving;
using Forum.ServiceDefaults.Telemetry;
using Marten;
using MassTransit;

namespace Forum.Gateway.Accounts.Announcing;

/// <summary>A registration not yet announced to the services: saved with the account, deleted once published.</summary>
public sealed record MemberAnnouncement(Guid Id, string UserName, DateTimeOffset JoinedAt);

/// <summary>Marks that the accounts registered before announcements existed were queued once.</summary>
public sealed record EarlierMembersQueued
{
    public static readonly Guid TheId = new("00000000-0000-0000-0000-000000000002");

    public Guid Id { get; init; } = TheId;
}

/// <summary>
/// Tells the services of new members (<see cref="MemberJoined"/>), of suspensions
/// (<see cref="MemberSuspended"/>, <see cref="MemberReinstated"/>) and of members who left
/// (<see cref="MemberForgotten"/>): the outbox of the accounts. A
/// registration saves its announcement in the same transaction as the account; this publishes
/// what is waiting, woken by each registration and every few seconds, and deletes what the
/// broker took. A crash between the two publishes again, which the services' directories absorb.
/// Replicas may publish the same announcement at once; that too is a duplicate and harmless.
/// </summary>
public sealed class MemberAnnouncer(IDocumentStore store, IServiceProvider services, ILogger<MemberAnnouncer> logger) : OutboxWorker(logger)
{
    private const int Batch = 200;

    /// <summary>Once per start: the accounts from before announcements existed are queued (or were, by an earlier start).</summary>
    private bool _earlierQueued;

    protected override string FailureMessage => "Announcing new members failed; they stay queued and go out at the next try.";

    protected override async Task SendWaitingAsync(CancellationToken cancellationToken)
    {
        if (!_earlierQueued)
        {
            await QueueEarlierMembersAsync(cancellationToken);
            _earlierQueued = true;
        }
        while (await AnnounceWaitingAsync(cancellationToken) == Batch) { }
    }

    private async Task QueueEarlierMembersAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<EarlierMembersQueued>(EarlierMembersQueued.TheId, cancellationToken) is not null)
        {
            return;
        }
        var accounts = await session.Query<Account>().Select(a => new { a.Id, a.UserName, a.CreatedAt }).ToListAsync(cancellationToken);
        foreach (var account in accounts)
        {
            session.Store(new MemberAnnouncement(account.Id, account.UserName, account.CreatedAt));
        }
        session.Store(new EarlierMembersQueued());
        await session.SaveChangesAsync(cancellationToken);
    }

    private async Task<int> AnnounceWaitingAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var waiting = await session.Query<MemberAnnouncement>().OrderBy(a => a.JoinedAt).Take(Batch).ToListAsync(cancellationToken);
        var standings = await session.Query<StandingAnnouncement>().OrderBy(a => a.StandingVersion).Take(Batch).ToListAsync(cancellationToken);
        var leavers = await session.Query<ForgottenAnnouncement>().OrderBy(a => a.At).Take(Batch).ToListAsync(cancellationToken);
        if (waiting.Count == 0 && standings.Count == 0 && leavers.Count == 0)
        {
            return 0;
        }
        using var activity = ForumTelemetry.Source.StartActivity("announce new members", ActivityKind.Producer);
        activity?.SetTag("forum.members.announced", waiting.Count);
        var bus = services.GetRequiredService<IBus>();
        foreach (var announcement in waiting)
        {
            await bus.Publish(new MemberJoined(announcement.Id, announcement.UserName, announcement.JoinedAt), context => context.MessageId = announcement.Id, cancellationToken);
            session.Delete(announcement);
        }
        // Suspensions and reinstatements, in the order they were made (each member's versions rise).
        foreach (var standing in standings)
        {
            await standing.PublishAsync(bus, cancellationToken);
            session.Delete(standing);
        }
        // Members who left: every service deletes their key (after their sign-out above, so their tokens end first).
        foreach (var leaver in leavers)
        {
            await bus.Publish(new MemberForgotten(leaver.Id, leaver.At), context => context.MessageId = leaver.Id, cancellationToken);
            session.Delete(leaver);
        }
        await session.SaveChangesAsync(cancellationToken);
        return Math.Max(Math.Max(waiting.Count, standings.Count), leavers.Count);
    }
}
