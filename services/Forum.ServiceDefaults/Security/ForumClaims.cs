using System.Security.Claims;

namespace Forum.ServiceDefaults.Security;

/// <summary>The claims a forum token carries, and the roles.</summary>
public static class ForumClaims
{
    public const string UserId = "sub";
    public const string UserName = "name";
    public const string Role = "role";

    /// <summary>
    /// Until when (Unix seconds) the member counts as new: the gateway, which knows when the account
    /// was made and how long a member is new, says so in every token and session it gives a new
    /// member, so every service judges the same way without a setting of its own.
    /// </summary>
    public const string NewMemberUntil = "new_until";

    /// <summary>
    /// When the token was issued, in ticks (UTC): <c>iat</c> holds whole seconds, too coarse to tell
    /// a token from just before a password reset from one just after it.
    /// </summary>
    public const string IssuedAtTicks = "iat_ticks";

    public const string Admin = "admin";
    public const string Moderator = "moderator";

    /// <summary>
    /// A forum service calling another (the gateway sending view batches), never a person:
    /// accounts cannot be given this role; only the gateway's signing key makes such tokens.
    /// </summary>
    public const string Service = "service";

    /// <summary>The signed-in user's name, which is what the forum shows as author.</summary>
    public static string UserNameOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(UserName) ?? throw new InvalidOperationException("The token names no user.");

    public static Guid UserIdOf(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(UserId), out var id) ? id : throw new InvalidOperationException("The token carries no user id.");

    /// <summary>Moderators, and admins, may act on anyone's posts and comments.</summary>
    public static bool IsModerator(this ClaimsPrincipal user) => user.IsInRole(Moderator) || user.IsInRole(Admin);

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Admin);

    /// <summary>When the member stops counting as new, if the token or session says they are.</summary>
    public static DateTimeOffset? NewMemberUntilOf(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(NewMemberUntil), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>A member in their first days (moderators and admins never count as new): stricter limits apply.</summary>
    /// <summary>Whether the caller may hide content pending review and show it again (<see cref="ForumPolicies.Reviewer"/>).</summary>
    public static bool IsReviewer(this ClaimsPrincipal user) => user.IsModerator() || user.IsInRole(Service);

    public static bool IsNewMemberAt(this ClaimsPrincipal user, DateTimeOffset now) =>
        !user.IsModerator() && user.NewMemberUntilOf() > now;
}

/// <summary>Authorization policies every service uses by name.</summary>
public static class ForumPolicies
{
    public const string Member = "member";
    public const string Moderator = "moderator";
    public const string Admin = "admin";
    public const string Service = "service";

    /// <summary>The stored event history: admins (analysts' tools) and the gateway rebuilding its read models.</summary>
    public const string EventHistory = "event-history";

    /// <summary>Hiding content pending review: moderators, and the gateway acting on members' reports.</summary>
    public const string Reviewer = "reviewer";
}
