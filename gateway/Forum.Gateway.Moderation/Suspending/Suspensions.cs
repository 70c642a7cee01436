using Forum.Gateway.Accounts;
using Forum.Content;
using Forum.EventSourcing;
using Forum.EventSourcing.MemberStanding;
using Forum.EventSourcing.PersonalData;
using Forum.Gateway.Accounts.Announcing;
using Forum.ServiceDefaults.Security;
using Forum.ServiceDefaults.Telemetry;
using Marten;

namespace Forum.Gateway.Moderation.Suspending;

/// <summary>Stored in the gateway's event history for every suspension: who, whom, until when, why.</summary>
public sealed record MemberWasSuspended(Guid AccountId, PersonalText UserName, DateTimeOffset? Until, string Reason, Guid ModeratorId, PersonalText Moderator, DateTimeOffset At);

/// <summary>Stored in the gateway's event history when a moderator lifts a suspension.</summary>
public sealed record MemberWasReinstated(Guid AccountId, PersonalText UserName, string? Reason, Guid ModeratorId, PersonalText Moderator, DateTimeOffset At);

/// <summary>The outcome of asking to suspend or reinstate a member.</summary>
public enum StandingChange
{
    Done,
    Unchanged,
    NoSuchAccount,
    NotAllowed,
}

/// <summary>
/// Suspending and reinstating members. The account, an event in the gateway's history (the
/// moderation log reads it) and the announcement to the services are saved in one transaction;
/// the announcer publishes it (at once, and again until the broker took it), and this replica
/// refuses the member's tokens before it answers.
/// </summary>
public sealed class Suspensions(IDocumentStore store, AccountDirectory accounts, MemberAnnouncer announcer, SuspendedMembers suspended, TimeProvider clock)
{
    public const int MaxReasonCharacters = 500;

    /// <summary>The reason, normalised; errors are added by field. A suspension that ended or lies too far ahead is refused.</summary>
    public (string Reason, DateTimeOffset? Until) Check(string? reason, DateTimeOffset? until, FieldErrors errors)
    {
        var text = ModerationText.Check(reason, "reason", MaxReasonCharacters, errors);
        if (text is null)
        {
            errors.Add("reason", "A reason is required: the member is shown it.");
        }
        var now = clock.GetUtcNow();
        if (until is { } end && end <= now)
        {
            errors.Add("until", "The end of a suspension lies in the future; leave it out to suspend for good.");
        }
        else if (until > now.AddYears(100))
        {
            errors.Add("until", "A suspension ends within a hundred years; leave the end out to suspend for good.");
        }
        return (text ?? "", until);
    }

    /// <summary>
    /// Moderators suspend members; only admins suspend moderators; nobody suspends an admin or themselves.
    /// </summary>
    public static bool MaySuspend(Actor moderator, bool moderatorIsAdmin, Account account) =>
        account.Id != moderator.Id
        && !account.Roles.Contains(ForumClaims.Admin)
        && (moderatorIsAdmin || !account.Roles.Contains(ForumClaims.Moderator));

    public async Task<(StandingChange Outcome, Account? Account)> SuspendAsync(
        string userName, string reason, DateTimeOffset? until, Actor moderator, bool moderatorIsAdmin, CancellationToken cancellationToken)
    {
        using var activity = ForumTelemetry.Source.StartActivity("suspend member");
        var account = await accounts.FindAsync(userName, cancellationToken);
        if (account is null)
        {
            return (StandingChange.NoSuchAccount, null);
        }
        if (!MaySuspend(moderator, moderatorIsAdmin, account))
        {
            return (StandingChange.NotAllowed, account);
        }
        var now = clock.GetUtcNow();
        var changed = account with
        {
            Suspension = new AccountSuspension(until, reason, moderator.Name, now),
            StandingVersion = account.StandingVersion + 1,
        };
        await SaveAsync(changed, new MemberWasSuspended(account.Id, new PersonalText(account.Id, account.UserName), until, reason, moderator.Id, moderator.PersonalName(), now),
            StandingAnnouncement.Suspension(changed), cancellationToken);
        ModerationMetrics.StandingChanges.Add(1, new KeyValuePair<string, object?>("change", "suspended"));
        return (StandingChange.Done, changed);
    }

    public async Task<(StandingChange Outcome, Account? Account)> ReinstateAsync(string userName, string? reason, Actor moderator, CancellationToken cancellationToken)
    {
        using var activity = ForumTelemetry.Source.StartActivity("reinstate member");
        var account = await accounts.FindAsync(userName, cancellationToken);
        if (account is null)
        {
            return (StandingChange.NoSuchAccount, null);
        }
        if (!account.IsSuspendedAt(clock.GetUtcNow()))
        {
            return (StandingChange.Unchanged, account);
        }
        var now = clock.GetUtcNow();
        var changed = account with { Suspension = null, StandingVersion = account.StandingVersion + 1 };
        await SaveAsync(changed, new MemberWasReinstated(account.Id, new PersonalText(account.Id, account.UserName), reason, moderator.Id, moderator.PersonalName(), now),
            StandingAnnouncement.Reinstatement(changed, moderator.Name, now), cancellationToken);
        ModerationMetrics.StandingChanges.Add(1, new KeyValuePair<string, object?>("change", "reinstated"));
        return (StandingChange.Done, changed);
    }

    /// <summary>The members suspended now, those whose suspension ends soonest first, then those suspended for good.</summary>
    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var now = clock.GetUtcNow();
        var suspended = await session.Query<Account>().Where(a => a.Suspension != null).ToListAsync(cancellationToken);
        return [.. suspended.Where(a => a.IsSuspendedAt(now)).OrderBy(a => a.Suspension!.Until ?? DateTimeOffset.MaxValue).ThenBy(a => a.UserName, StringComparer.Ordinal)];
    }

    private async Task SaveAsync(Account after, object history, StandingAnnouncement announcement, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.Store(after);
        session.Events.Append(after.Id, history);
        session.Store(announcement);
        await session.SaveChangesAsync(cancellationToken);
        suspended.Hear(announcement.Record);
        announcer.Wake();
    }
}
