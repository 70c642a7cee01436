using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;
using Forum.Contracts.Accounts;
using Forum.ServiceDefaults.Security;
using Forum.ServiceDefaults.Telemetry;
using Marten;
using MassTransit;

namespace Forum.EventSourcing.MemberStanding;

/// <summary>
/// A member's standing as a process last heard it: suspended (until when, why) or not, and since
/// when their tokens count (a password reset or change revokes the older ones), at a version.
/// </summary>
public sealed record MemberStandingRecord(Guid Id, long Version, bool Suspended, DateTimeOffset? Until, string Reason, DateTimeOffset? TokensValidFrom = null)
{
    public static MemberStandingRecord From(MemberSuspended suspended) =>
        new(suspended.AccountId, suspended.StandingVersion, true, suspended.Until, suspended.Reason, suspended.TokensValidFrom);

    public static MemberStandingRecord From(MemberReinstated reinstated) =>
        new(reinstated.AccountId, reinstated.StandingVersion, false, null, "", reinstated.TokensValidFrom);

    public static MemberStandingRecord From(MemberSignedOutEverywhere signedOut) =>
        new(signedOut.AccountId, signedOut.StandingVersion, signedOut.Suspended, signedOut.Until, signedOut.Reason, signedOut.TokensValidFrom);
}

/// <summary>
/// The suspended members, held in memory by every replica of every process that checks tokens, so
/// that the check costs nothing per request: each replica hears every change on a queue of its own
/// (<see cref="StandingRelay"/>) and, when it starts, reads what its service's database recorded
/// (<see cref="StandingRecorder"/>). A change older than what is held is ignored.
/// </summary>
public sealed class SuspendedMembers(TimeProvider clock) : IMemberStanding
{
    private readonly ConcurrentDictionary<Guid, MemberStandingRecord> _standings = new();

    public StandingRefusal? RefusalFor(Guid accountId) =>
        _standings.TryGetValue(accountId, out var standing) && standing.Suspended && (standing.Until is null || standing.Until > clock.GetUtcNow())
            ? new StandingRefusal(standing.Reason, standing.Until)
            : null;

    public bool IsRevoked(Guid accountId, DateTimeOffset issuedAt) =>
        _standings.TryGetValue(accountId, out var standing) && standing.TokensValidFrom is { } from && issuedAt < from;

    /// <summary>Holds <paramref name="standing"/> unless a newer one is held.</summary>
    public void Hear(MemberStandingRecord standing) =>
        _standings.AddOrUpdate(standing.Id, standing, (_, held) => held.Version >= standing.Version ? held : standing);

    public int Count => _standings.Values.Count(s => s.Suspended);
}

/// <summary>Keeps every standing change in the service's database, for replicas that start later.</summary>
public sealed class StandingRecorder(IDocumentSession session, SuspendedMembers members)
    : IConsumer<MemberSuspended>, IConsumer<MemberReinstated>, IConsumer<MemberSignedOutEverywhere>
{
    public Task Consume(ConsumeContext<MemberSignedOutEverywhere> context) => RecordAsync(MemberStandingRecord.From(context.Message), context.CancellationToken);

    public Task Consume(ConsumeContext<MemberSuspended> context) => RecordAsync(MemberStandingRecord.From(context.Message), context.CancellationToken);

    public Task Consume(ConsumeContext<MemberReinstated> context) => RecordAsync(MemberStandingRecord.From(context.Message), context.CancellationToken);

    private async Task RecordAsync(MemberStandingRecord standing, CancellationToken cancellationToken)
    {
        members.Hear(standing);
        var held = await session.LoadAsync<MemberStandingRecord>(standing.Id, cancellationToken);
        if (held is not null && held.Version >= standing.Version)
        {
            return;
        }
        session.Store(standing);
        await session.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Tells this replica's <see cref="SuspendedMembers"/> of every standing change the moment it is published.</summary>
public sealed class StandingRelay(SuspendedMembers members) : IConsumer<MemberSuspended>, IConsumer<MemberReinstated>, IConsumer<MemberSignedOutEverywhere>
{
    public Task Consume(ConsumeContext<MemberSignedOutEverywhere> context)
    {
        members.Hear(MemberStandingRecord.From(context.Message));
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<MemberSuspended> context)
    {
        members.Hear(MemberStandingRecord.From(context.Message));
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<MemberReinstated> context)
    {
        members.Hear(MemberStandingRecord.From(context.Message));
        return Task.CompletedTask;
    }
}

/// <summary>Reads the recorded standings when the process starts (and retries until the database answers).</summary>
public sealed class StandingLoader(IDocumentStore store, SuspendedMembers members, ILogger<StandingLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 0; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                using var activity = ForumTelemetry.Source.StartActivity("load member standings");
                await using var session = store.QuerySession();
                foreach (var standing in await session.Query<MemberStandingRecord>().Where(s => s.Suspended || s.TokensValidFrom != null).ToListAsync(stoppingToken))
                {
                    members.Hear(standing);
                }
                activity?.SetTag("forum.members.suspended", members.Count);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Member standings could not be read yet; trying again");
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, 1 + attempt)), stoppingToken);
            }
        }
    }
}

/// <summary>Wiring: every process that checks tokens adds these, and its bus the two consumers.</summary>
public static class MemberStandingExtensions
{
    public static IServiceCollection AddMemberStanding(this IServiceCollection services)
    {
        services.AddSingleton<SuspendedMembers>();
        services.AddSingleton<IMemberStanding>(provider => provider.GetRequiredService<SuspendedMembers>());
        services.AddHostedService<StandingLoader>();
        return services;
    }

    public static void RegisterDocuments(StoreOptions options) => options.Schema.For<MemberStandingRecord>();
}
