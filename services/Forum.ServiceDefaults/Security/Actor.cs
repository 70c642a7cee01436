using System.Security.Claims;

namespace Forum.ServiceDefaults.Security;

/// <summary>Who issues a command, as decisions need to know it: id, name, and whether a moderator.</summary>
public sealed record Actor(Guid Id, string Name, bool IsModerator)
{
    public static Actor From(ClaimsPrincipal user) => new(user.UserIdOf(), user.UserNameOf(), user.IsModerator());
}
