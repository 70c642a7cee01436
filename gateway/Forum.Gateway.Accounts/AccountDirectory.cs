using Forum.Content;
using Forum.EventSourcing.PersonalData;
using Forum.Gateway.Accounts.Announcing;
using Forum.ServiceDefaults.Security;
using Marten;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Forum.Gateway.Accounts;

/// <summary>The outcome of a registration.</summary>
public enum Registration
{
    Created,
    NameTaken,

    /// <summary>The name looks like another member's (their skeletons are equal): a reader could not tell them apart.</summary>
    LooksLikeAnother,
}

/// <summary>Accounts in the gateway's database: register, verify a password, grant and revoke roles.</summary>
public sealed class AccountDirectory(IDocumentStore store, IPasswordHasher<Account> hasher, IConfiguration configuration, TimeProvider clock, MemberAnnouncer announcer)
{
    private const string UniqueViolation = "23505";

    private readonly HashSet<string> _configuredAdmins = ConfiguredAdmins(configuration);

    public async Task<(Registration Outcome, Account? Account)> RegisterAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var name = TextRules.Normalize(userName.Trim())!;
        var account = new Account
        {
            Id = Guid.CreateVersion7(),
            UserName = name,
            NormalizedUserName = AccountRules.Normalize(name),
            NameSkeleton = MemberNames.Skeleton(name),
            CreatedAt = clock.GetUtcNow(),
        };
        account = account with
        {
            PasswordHash = hasher.HashPassword(account, password),
            Roles = _configuredAdmins.Contains(account.NormalizedUserName) ? [ForumClaims.Admin] : [],
        };

        // The first account of an empty forum founds it, as admin. Two registering at once race
        // for the single FoundingAdmin document; the loser becomes an ordinary member.
        await using (var query = store.QuerySession())
        {
            if (await query.LoadAsync<FoundingAdmin>(FoundingAdmin.TheId, cancellationToken) is null)
            {
                var founder = account with { Roles = [ForumClaims.Admin] };
                try
                {
                    await InsertAsync(cancellationToken, founder, new FoundingAdmin(founder.Id), Announcement(founder));
                    announcer.Wake();
                    return (Registration.Created, founder);
                }
                catch (Exception e) when (ViolatedConstraint(e) is { } constraint && constraint.Contains("foundingadmin", StringComparison.Ordinal))
                {
                    // Someone else founded the forum a moment ago.
                }
                catch (Exception e) when (ViolatedConstraint(e) is { } constraint)
                {
                    return (Taken(constraint), null);
                }
            }
        }

        try
        {
            await InsertAsync(cancellationToken, account, Announcement(account));
            announcer.Wake();
            return (Registration.Created, account);
        }
        catch (Exception e) when (ViolatedConstraint(e) is { } constraint)
        {
            return (Taken(constraint), null);
        }
    }

    /// <summary>Which of the names' unique indexes refused it: the same name, or one that looks the same.</summary>
    private static Registration Taken(string constraint) =>
        constraint.Contains("skeleton", StringComparison.OrdinalIgnoreCase) ? Registration.LooksLikeAnother : Registration.NameTaken;

    public async Task<Account?> FindAsync(string userName, CancellationToken cancellationToken)
    {
        var normalized = AccountRules.Normalize(userName);
        if (normalized.Contains('\0'))
        {
            // PostgreSQL text cannot hold a NUL, and no registered name does: there is nothing to look up.
            return null;
        }
        // An account registered before compatibility forms were folded keeps the key it was given.
        var legacy = MemberNames.LegacyKey(userName);
        await using var session = store.QuerySession();
        var found = await session.Query<Account>().Where(a => a.NormalizedUserName == normalized || a.NormalizedUserName == legacy).ToListAsync(cancellationToken);
        return found.FirstOrDefault(a => a.NormalizedUserName == normalized) ?? found.FirstOrDefault();
    }

    public async Task<Account?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<Account>(id, cancellationToken);
    }

    /// <summary>
    /// Members whose name holds <paramref name="part"/>, compared as names are (case and Unicode
    /// forms aside), in name order; at most <paramref name="limit"/>.
    /// </summary>
    public async Task<IReadOnlyList<Account>> SearchAsync(string part, int limit, CancellationToken cancellationToken)
    {
        var normalized = AccountRules.Normalize(part.Trim());
        if (normalized.Length == 0 || normalized.Contains('\0'))
        {
            return [];
        }
        await using var session = store.QuerySession();
        // LIKE reads '_' in a name as any one character: match loosely in the database, exactly here.
        var candidates = await session.Query<Account>().Where(a => a.NormalizedUserName.Contains(normalized))
            .OrderBy(a => a.NormalizedUserName).Take(limit * 4).ToListAsync(cancellationToken);
        return [.. candidates.Where(a => a.NormalizedUserName.Contains(normalized, StringComparison.Ordinal)).Take(limit)];
    }

    /// <summary>The account if the password is right; null for an unknown name or a wrong password alike.</summary>
    public async Task<Account?> VerifyAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var account = await FindAsync(userName, cancellationToken);
        if (account is null)
        {
            // Spend the same time as for a real account, so timing does not tell which names exist.
            hasher.VerifyHashedPassword(new Account(), DummyHash.Value, password);
            return null;
        }
        return hasher.VerifyHashedPassword(account, account.PasswordHash, password) == PasswordVerificationResult.Failed ? null : account;
    }

    /// <summary>
    /// Grants or revokes a role, recorded in the event history with the admin who did it (the
    /// moderation log reads it); false when there is no such account. Asking for what is already so changes nothing.
    /// </summary>
    public async Task<bool> SetRoleAsync(string userName, string role, bool granted, Actor admin, CancellationToken cancellationToken)
    {
        var account = await FindAsync(userName, cancellationToken);
        if (account is null)
        {
            return false;
        }
        if (account.Roles.Contains(role) == granted)
        {
            return true;
        }
        var roles = granted ? account.Roles.Append(role).ToList() : account.Roles.Where(r => r != role).ToList();
        await using var session = store.LightweightSession();
        session.Store(account with { Roles = roles });
        session.Events.Append(account.Id, new MemberRoleChanged(account.Id, new PersonalText(account.Id, account.UserName), role, granted, admin.Id, admin.PersonalName(), clock.GetUtcNow()));
        await session.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Saved with the account, so the services hear of every member (<see cref="MemberAnnouncer"/>).</summary>
    private static MemberAnnouncement Announcement(Account account) => new(account.Id, account.UserName, account.CreatedAt);

    private async Task InsertAsync(CancellationToken cancellationToken, params object[] documents)
    {
        await using var session = store.LightweightSession();
        foreach (var document in documents)
        {
            session.Insert(document);
        }
        await session.SaveChangesAsync(cancellationToken);
    }

    private static string? ViolatedConstraint(Exception? exception)
    {
        // The database's own word first, wherever it sits in the chain: it names the index.
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is PostgresException { SqlState: UniqueViolation } violation)
            {
                return violation.ConstraintName ?? violation.TableName ?? "";
            }
        }
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is JasperFx.DocumentAlreadyExistsException exists)
            {
                return exists.DocType.Name.ToLowerInvariant();
            }
        }
        return null;
    }

    private static HashSet<string> ConfiguredAdmins(IConfiguration configuration)
    {
        var section = configuration.GetSection("Forum:Admins");
        var names = section.Get<string[]>() ?? section.Value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return names.Select(AccountRules.Normalize).ToHashSet(StringComparer.Ordinal);
    }

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<Account>().HashPassword(new Account(), Guid.NewGuid().ToString()));
}
