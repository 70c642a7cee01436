namespace Forum.Gateway.Edge.Allowances;

/// <summary>One limit: so many requests per window, per member (or per address when anonymous).</summary>
public sealed class RateLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}

/// <summary>
/// <c>Forum:RateLimits</c>: how often one member (or, before signing in, one address) may act.
/// Counted in the gateway's database, so every replica draws on the same allowance.
/// </summary>
public sealed class RateLimitOptions
{
    public RateLimit Posting { get; set; } = new() { PermitLimit = 1, Window = TimeSpan.FromSeconds(10) };
    public RateLimit Commenting { get; set; } = new() { PermitLimit = 3, Window = TimeSpan.FromSeconds(10) };
    public RateLimit Liking { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };
    public RateLimit Uploading { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };
    public RateLimit Registering { get; set; } = new() { PermitLimit = 5, Window = TimeSpan.FromHours(1) };
    public RateLimit SigningIn { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) };
    public RateLimit Reporting { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(10) };

    /// <summary>Asking for a reset or verification mail, using a link, changing a password: every attempt counts, so nobody guesses links or floods an inbox.</summary>
    public RateLimit Recovering { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(15) };

    /// <summary>A new member's posting (<c>Forum:NewMembers:Period</c> says how long one is new): a spammer's first hour is not a veteran's.</summary>
    public RateLimit NewMemberPosting { get; set; } = new() { PermitLimit = 1, Window = TimeSpan.FromMinutes(2) };

    /// <summary>A new member's commenting.</summary>
    public RateLimit NewMemberCommenting { get; set; } = new() { PermitLimit = 1, Window = TimeSpan.FromSeconds(20) };
}

/// <summary>What a policy limits and what uses it up.</summary>
/// <param name="NewMemberLimit">The limit for a member in their first days, where it differs.</param>
/// <param name="MembersOnly">Only a signed-in member may do this: anyone else is answered 401 before any allowance is looked at.</param>
/// <param name="EveryAttemptCounts">
/// Every attempt uses up the allowance (signing in: a wrong password is what the limit is for);
/// otherwise only what was accepted does, so a member who mistyped is not made to wait.
/// </param>
public sealed record RateLimitPolicy(string Name, RateLimit Limit, bool MembersOnly, bool EveryAttemptCounts, RateLimit? NewMemberLimit = null)
{
    public RateLimit LimitFor(bool newMember) => newMember && NewMemberLimit is { } stricter ? stricter : Limit;
}

/// <summary>The forum's rate-limit policies by name; routes name theirs (YARP routes in their metadata).</summary>
public static class RateLimits
{
    public const string Posting = "posting";
    public const string Commenting = "commenting";
    public const string Liking = "liking";
    public const string Uploading = "uploading";
    public const string Registering = "registering";
    public const string SigningIn = "signing-in";
    public const string Reporting = "reporting";
    public const string Recovering = "recovering";

    /// <summary>The key a YARP route names its policy under: <c>"Metadata": { "RateLimit": "posting" }</c>.</summary>
    public const string RouteMetadataKey = "RateLimit";

    public static IReadOnlyDictionary<string, RateLimitPolicy> Policies(RateLimitOptions options) =>
        new[]
        {
            new RateLimitPolicy(Posting, options.Posting, MembersOnly: true, EveryAttemptCounts: false, options.NewMemberPosting),
            new RateLimitPolicy(Commenting, options.Commenting, MembersOnly: true, EveryAttemptCounts: false, options.NewMemberCommenting),
            new RateLimitPolicy(Liking, options.Liking, MembersOnly: true, EveryAttemptCounts: false),
            new RateLimitPolicy(Uploading, options.Uploading, MembersOnly: true, EveryAttemptCounts: false),
            new RateLimitPolicy(Registering, options.Registering, MembersOnly: false, EveryAttemptCounts: false),
            new RateLimitPolicy(SigningIn, options.SigningIn, MembersOnly: false, EveryAttemptCounts: true),
            new RateLimitPolicy(Reporting, options.Reporting, MembersOnly: true, EveryAttemptCounts: false),
            new RateLimitPolicy(Recovering, options.Recovering, MembersOnly: false, EveryAttemptCounts: true),
        }.ToDictionary(policy => policy.Name);
}
