using System.Diagnostics.Metrics;
using Forum.EventSourcing.MemberStanding;
using Forum.Gateway.Accounts.Announcing;
using Forum.Gateway.Accounts.Mail;
using Forum.ServiceDefaults.Telemetry;
using Forum.Gateway.Edge;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Forum.Gateway.Accounts.Recovery;

/// <summary>How long mailed links work (<c>Forum__Accounts__ResetLinkLifetime</c>, <c>Forum__Accounts__VerificationLinkLifetime</c>).</summary>
public sealed class RecoveryOptions
{
    public const string Section = "Forum:Accounts";

    public TimeSpan ResetLinkLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan VerificationLinkLifetime { get; set; } = TimeSpan.FromHours(48);
}

/// <summary>What became of a mailed link when it was used.</summary>
public enum LinkUse
{
    Done,

    /// <summary>No such link (mistyped, made up): 400.</summary>
    Unknown,

    /// <summary>The link was real but is used, expired or superseded: 410.</summary>
    Gone,
}

/// <summary>
/// A member's address and password: giving and verifying an address, changing the password,
/// and resetting it by a mailed link. Every mail is saved in the same transaction as the change
/// it tells of (<see cref="OutgoingMail"/>), so an answered request never loses it.
/// </summary>
public sealed class AccountRecovery(
    IDocumentStore store, AccountDirectory accounts, IPasswordHasher<Account> hasher, MailDelivery mail, IConfiguration configuration, IOptions<RecoveryOptions> options,
    SuspendedMembers standings, MemberAnnouncer announcer, TimeProvider clock, ILogger<AccountRecovery> logger)
{
    private TimeSpan VerificationLifetime => options.Value.VerificationLinkLifetime;

    private TimeSpan ResetLifetime => options.Value.ResetLinkLifetime;

    private static readonly Counter<long> Recoveries = ForumTelemetry.Meter.CreateCounter<long>("forum.accounts.recovery", "{request}",
        "Address and password changes, by step (email_set, email_verified, reset_asked, reset_mailed, reset_done, password_changed) and outcome.");

    private readonly string _publicUrl = (configuration["Forum:PublicUrl"] is { Length: > 0 } url ? url : "http://127.0.0.1:8080").TrimEnd('/');

    /// <summary>Keeps the address, unverified, and mails a link that verifies it.</summary>
    public async Task SetEmailAsync(Account account, string email, CancellationToken cancellationToken)
    {
        using var activity = ForumTelemetry.Source.StartActivity("set email");
        if (account.Email == email && account.EmailVerified)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var (token, link) = AccountLink.Create(AccountLink.VerifyEmail, account.Id, email, now + VerificationLifetime);
        await using var session = store.LightweightSession();
        session.Store(account with { Email = email, EmailVerified = false });
        session.Store(link);
        session.Store(RecoveryMail.Verify(email, account.UserName, $"{_publicUrl}/account/verify-email?token={token}", now));
        await session.SaveChangesAsync(cancellationToken);
        mail.Wake();
        Recoveries.Add(1, new("step", "email_set"), new("outcome", "mailed"));
    }

    public async Task<LinkUse> VerifyEmailAsync(string? token, CancellationToken cancellationToken)
    {
        using var activity = ForumTelemetry.Source.StartActivity("verify email");
        var (use, link, session) = await OpenAsync(token, AccountLink.VerifyEmail, cancellationToken);
        await using (session)
        {
            if (use != LinkUse.Done)
            {
                return Count("email_verified", use);
            }
            var account = await session.LoadAsync<Account>(link!.AccountId, cancellationToken);
            if (account is null || account.Email != link.Email)
            {
                return Count("email_verified", LinkUse.Gone); // the member gave another address since
            }
            // One account per verified address: a reset by address must name one member.
            if (await session.Query<Account>().AnyAsync(a => a.Email == link.Email && a.EmailVerified && a.Id != account.Id, cancellationToken))
            {
                return Count("email_verified", LinkUse.Gone);
            }
            session.Store(account with { EmailVerified = true });
            session.Store(link with { UsedAt = clock.GetUtcNow() });
            return await SaveOnceAsync(session, "email_verified", cancellationToken);
        }
    }

    /// <summary>
    /// Mails a reset link when the name or verified address names an account that can receive
    /// one; says nothing either way, and takes about as long either way (the mail is sent later).
    /// </summary>
    public async Task RequestResetAsync(string login, CancellationToken cancellationToken)
    {
        using var activity = ForumTelemetry.Source.StartActivity("request password reset");
        var account = await FindForResetAsync(login.Trim(), cancellationToken);
        if (account is not { Email: { } email, EmailVerified: true })
        {
            Recoveries.Add(1, new("step", "reset_asked"), new("outcome", "no_address"));
            return;
        }
        var now = clock.GetUtcNow();
        var (token, link) = AccountLink.Create(AccountLink.ResetPassword, account.Id, null, now + ResetLifetime);
        await using var session = store.LightweightSession();
        session.Store(link);
        session.Store(RecoveryMail.Reset(email, account.UserName, $"{_publicUrl}/account/reset-password?token={token}", now));
        await session.SaveChangesAsync(cancellationToken);
        mail.Wake();
        Recoveries.Add(1, new("step", "reset_asked"), new("outcome", "mailed"));
    }

    /// <summary>Sets the new password, uses up every reset link of the account, and ends its sessions.</summary>
    public async Task<LinkUse> ResetAsync(string? token, string newPassword, CancellationToken cancellationToken)
    {
        using var activity = ForumTelemetry.Source.StartActivity("reset password");
        var (use, link, session) = await OpenAsync(token, AccountLink.ResetPassword, cancellationToken);
        await using (session)
        {
            if (use != LinkUse.Done)
            {
                return Count("reset_done", use);
            }
            var account = await session.LoadAsync<Account>(link!.AccountId, cancellationToken);
            if (account is null)
            {
                return Count("reset_done", LinkUse.Gone);
            }
            var now = clock.GetUtcNow();
            var signedOut = SignOut(session, account with { PasswordHash = hasher.HashPassword(account, newPassword) }, now);
            session.Store(link with { UsedAt = now });
            var others = await session.Query<AccountLink>()
                .Where(l => l.AccountId == account.Id && l.Purpose == AccountLink.ResetPassword && l.UsedAt == null && l.Id != link.Id)
                .ToListAsync(cancellationToken);
            foreach (var other in others)
            {
                session.Store(other with { UsedAt = now });
            }
            var outcome = await SaveOnceAsync(session, "reset_done", cancellationToken);
            if (outcome == LinkUse.Done)
            {
                Announced(signedOut);
                logger.LogInformation("Password of account {AccountId} reset by a mailed link; its sessions and tokens end", account.Id);
            }
            return outcome;
        }
    }

    /// <summary>False when the current password is wrong; otherwise changes it and ends the account's other sessions.</summary>
    public async Task<bool> ChangePasswordAsync(Guid accountId, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        using var activity = ForumTelemetry.Source.StartActivity("change password");
        var account = await accounts.FindAsync(accountId, cancellationToken);
        if (account is null || hasher.VerifyHashedPassword(account, account.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
        {
            Recoveries.Add(1, new("step", "password_changed"), new("outcome", "wrong_password"));
            return false;
        }
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        var signedOut = SignOut(session, account with { PasswordHash = hasher.HashPassword(account, newPassword) }, now);
        if (account is { Email: { } email, EmailVerified: true })
        {
            session.Store(RecoveryMail.PasswordChanged(email, account.UserName, now));
        }
        await session.SaveChangesAsync(cancellationToken);
        Announced(signedOut);
        mail.Wake();
        Recoveries.Add(1, new("step", "password_changed"), new("outcome", "done"));
        return true;
    }

    /// <summary>
    /// Queues the account, its sessions and tokens ended from <paramref name="now"/> on, and the
    /// announcement that tells every service so (the outbox of the accounts, as for suspensions).
    /// </summary>
    private static StandingAnnouncement SignOut(IDocumentSession session, Account account, DateTimeOffset now)
    {
        var changed = account with { SessionsValidFrom = now, StandingVersion = account.StandingVersion + 1 };
        var announcement = StandingAnnouncement.SignOut(changed, now);
        session.Store(changed);
        session.Store(announcement);
        return announcement;
    }

    /// <summary>This replica refuses the old tokens before it answers; the others as soon as the announcement reaches them.</summary>
    private void Announced(StandingAnnouncement announcement)
    {
        standings.Hear(announcement.Record);
        announcer.Wake();
    }

    private async Task<Account?> FindForResetAsync(string login, CancellationToken cancellationToken)
    {
        if (login.Length is 0 or > EmailRules.MaxLength || login.Contains('\0'))
        {
            return null;
        }
        if (!login.Contains('@'))
        {
            return await accounts.FindAsync(login, cancellationToken);
        }
        var email = EmailRules.Check(login, new Forum.EventSourcing.FieldErrors());
        if (email is null)
        {
            return null;
        }
        await using var session = store.QuerySession();
        return await session.Query<Account>().FirstOrDefaultAsync(a => a.Email == email && a.EmailVerified, cancellationToken);
    }

    /// <summary>The link a token names, judged, in a session that will write its use.</summary>
    private async Task<(LinkUse Use, AccountLink? Link, IDocumentSession Session)> OpenAsync(string? token, string purpose, CancellationToken cancellationToken)
    {
        var session = store.LightweightSession();
        if (!AccountLink.LooksLikeToken(token))
        {
            return (LinkUse.Unknown, null, session);
        }
        var link = await session.LoadAsync<AccountLink>(AccountLink.HashOf(token!), cancellationToken);
        if (link is null || link.Purpose != purpose)
        {
            return (LinkUse.Unknown, null, session);
        }
        return link.UsedAt is not null || link.ExpiresAt <= clock.GetUtcNow() ? (LinkUse.Gone, link, session) : (LinkUse.Done, link, session);
    }

    /// <summary>Saves a link's use; two uses at once: the second finds the link changed and is told it is gone.</summary>
    private static async Task<LinkUse> SaveOnceAsync(IDocumentSession session, string step, CancellationToken cancellationToken)
    {
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return Count(step, LinkUse.Done);
        }
        catch (ConcurrencyException)
        {
            return Count(step, LinkUse.Gone);
        }
    }

    private static LinkUse Count(string step, LinkUse use)
    {
        Recoveries.Add(1, new("step", step), new("outcome", use.ToString().ToLowerInvariant()));
        return use;
    }
}

/// <summary>
/// Whether a web session still counts: its account exists and it began after the account's last
/// password reset or change. The account it reads is kept for the request (<see cref="SessionAccount"/>),
/// so the pages do not read it again.
/// </summary>
public sealed class SessionCheck(AccountDirectory accounts) : ISessionCheck
{
    private static readonly object Key = new();

    public async Task<bool> IsCurrentAsync(HttpContext context, Guid accountId, DateTimeOffset startedAt)
    {
        var account = await accounts.FindAsync(accountId, context.RequestAborted);
        context.Items[Key] = account;
        return account is not null && (account.SessionsValidFrom is not { } from || startedAt >= from);
    }

    /// <summary>The session's account as this request's check read it, if it was checked.</summary>
    public static bool TryGetSessionAccount(HttpContext context, out Account? account)
    {
        var found = context.Items.TryGetValue(Key, out var held);
        account = held as Account;
        return found;
    }
}
