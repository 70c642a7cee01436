using System.Diagnostics.Metrics;
using Forum.Contracts.Accounts;
using Forum.EventSourcing.MemberStanding;
using Forum.EventSourcing.PersonalData;
using Forum.Gateway.Accounts.Announcing;
using Forum.Gateway.Accounts.Mail;
using Forum.Gateway.Accounts.Recovery;
using Forum.ServiceDefaults.Telemetry;
using Marten;
using Microsoft.AspNetCore.Identity;

namespace Forum.Gateway.Accounts.Leaving;

/// <summary>A member's leaving not yet announced to the services (<see cref="MemberForgotten"/>): saved as the account is closed, deleted once published.</summary>
public sealed record ForgottenAnnouncement(Guid Id, DateTimeOffset At);

public enum Leaving
{
    Left,
    WrongPassword,
    NoSuchAccount,
}

/// <summary>
/// A member leaves (docs/decisions/2026-12-07-members-leave-by-crypto-shredding.md): with their
/// password confirmed, the account goes, with everything the gateway keeps of them (their address,
/// mail waiting for them, their links, their name in the read models, which now credit a former
/// member), in one transaction with the announcement that has every service delete their key.
/// Their sessions and tokens end everywhere at once. Their posts and comments stay.
/// </summary>
public sealed class AccountClosing(
    IDocumentStore store, AccountDirectory accounts, IPasswordHasher<Account> hasher, TimeProvider clock, MemberAnnouncer announcer,
    MemberKeyRing keys, SuspendedMembers standings, IEnumerable<IForgetsMembers> parts)
{
    private static readonly Counter<long> Closed = ForumTelemetry.Meter.CreateCounter<long>(
        "forum.accounts.closed", "{account}", "Members who left, and refused attempts, by outcome.");

    public async Task<Leaving> CloseAsync(Guid accountId, string password, CancellationToken cancellationToken)
    {
        using var activity = ForumTelemetry.Source.StartActivity("close account");
        var account = await accounts.FindAsync(accountId, cancellationToken);
        var outcome = account is null ? Leaving.NoSuchAccount
            : hasher.VerifyHashedPassword(account, account.PasswordHash, password) == PasswordVerificationResult.Failed ? Leaving.WrongPassword
            : Leaving.Left;
        if (outcome == Leaving.Left)
        {
            var now = clock.GetUtcNow();
            await using var session = store.LightweightSession();
            session.Delete(account!);
            session.Delete<MemberAnnouncement>(account!.Id);
            session.DeleteWhere<AccountLink>(link => link.AccountId == account.Id);
            if (account.Email is { } email)
            {
                session.DeleteWhere<OutgoingMail>(mail => mail.To == email);
            }
            // Every token and session of theirs stops at once, in every service; the announcement carries no name.
            var signedOut = StandingAnnouncement.SignOut(account with { UserName = "", SessionsValidFrom = now, StandingVersion = account.StandingVersion + 1 }, now);
            session.Store(signedOut);
            session.Store(new ForgottenAnnouncement(account.Id, now));
            foreach (var part in parts)
            {
                await part.ForgetAsync(session, new LeavingMember(account.Id, account.UserName), cancellationToken);
            }
            await session.SaveChangesAsync(cancellationToken);
            await keys.ForgetAsync(account.Id, cancellationToken);
            // This replica refuses their tokens before it answers; the others as soon as the announcement reaches them.
            standings.Hear(signedOut.Record);
            announcer.Wake();
        }
        Closed.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()));
        return outcome;
    }
}
