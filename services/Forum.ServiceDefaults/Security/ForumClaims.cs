using System.Security.Claims;

namespace Forum.ServiceDefaults.Security;

/// <summary>The claims a forum token carries, and the roles.</summary>
public static class ForumClaims
{
    public const string UserId = "sub";
    public const string UserName = "name";
    public const string Role = "role";

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
}
