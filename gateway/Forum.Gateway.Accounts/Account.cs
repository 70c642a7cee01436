namespace Forum.Gateway.Accounts;

/// <summary>
/// A registered user. <see cref="NormalizedUserName"/> (NFKC, lower case) is unique, so "Minh",
/// "minh", full-width "ｍｉｎｈ" and a decomposed "Mính" cannot be registered twice; so is
/// <see cref="NameSkeleton"/>, so that Cyrillic "сорсар" cannot pass for Latin "copcap".
/// </summary>
public sealed record Account
{
    public Guid Id { get; init; }
    public string UserName { get; init; } = "";
    public string NormalizedUserName { get; init; } = "";

    /// <summary>What the name looks like (<c>MemberNames.Skeleton</c>); null for accounts registered before names were compared so.</summary>
    public string? NameSkeleton { get; init; }
    public string PasswordHash { get; init; } = "";
    public IReadOnlyList<string> Roles { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The member's suspension, if a moderator suspended them (it may have ended by itself: see <see cref="IsSuspendedAt"/>).</summary>
    public AccountSuspension? Suspension { get; init; }

    /// <summary>The member's e-mail address, if they gave one; mail other than its verification goes to it only once <see cref="EmailVerified"/>.</summary>
    public string? Email { get; init; }

    public bool EmailVerified { get; init; }

    /// <summary>The name shown beside the user name, in any script; null: the user name alone.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The member's bio as they wrote it (Markdown) and as it is shown (sanitised HTML).</summary>
    public string? Bio { get; init; }

    public string? BioHtml { get; init; }

    /// <summary>The member's picture, an upload (<c>/upload/{hash}.webp</c>) re-encoded by the posts service's upload rules.</summary>
    public string? Avatar { get; init; }

    /// <summary>Sessions begun before this (a password reset or change) no longer work.</summary>
    public DateTimeOffset? SessionsValidFrom { get; init; }

    /// <summary>Counts suspensions and reinstatements, so the services apply them in order.</summary>
    public long StandingVersion { get; init; }

    public bool IsSuspendedAt(DateTimeOffset now) => Suspension is { } suspension && (suspension.Until is null || suspension.Until > now);

    /// <summary>The suspension in force now, if any.</summary>
    public AccountSuspension? Suspended(TimeProvider clock) => IsSuspendedAt(clock.GetUtcNow()) ? Suspension : null;
}

/// <summary>Why and until when (null: for good) a member is suspended, and by whom.</summary>
public sealed record AccountSuspension(DateTimeOffset? Until, string Reason, string Moderator, DateTimeOffset SuspendedAt);

/// <summary>
/// Marks that the forum has its founding admin. Only one can ever be stored (fixed id), which
/// makes "the first account becomes admin" hold even when two people register at once.
/// </summary>
public sealed record FoundingAdmin(Guid AccountId)
{
    public static readonly Guid TheId = new("00000000-0000-0000-0000-000000000001");

    public Guid Id { get; init; } = TheId;
}
