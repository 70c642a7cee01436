using System.Security.Claims;

namespace Forum.ServiceDefaults.Security;

/// <summary>Who issues a command, as decisions need to know it: id, name, whether a moderator, and until when a new member.</summary>
public sealed record Actor(Guid Id, string Name, bool IsModerator, DateTimeOffset? NewMemberUntil = null)
{
    public static Actor From(ClaimsPrincipal user) => new(user.UserIdOf(), user.UserNameOf(), user.IsModerator(), user.NewMemberUntilOf());

    /// <summary>In their first days (never a moderator): stricter rules for what they write.</summary>
    public bool IsNewMemberAt(DateTimeOffset now) => !IsModerator && NewMemberUntil > now;
}
