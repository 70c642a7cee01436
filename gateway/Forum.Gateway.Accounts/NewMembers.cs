using System.Globalization;
using System.Security.Claims;
using Forum.ServiceDefaults.Security;
using Microsoft.Extensions.Options;

namespace Forum.Gateway.Accounts;

/// <summary><c>Forum:NewMembers</c>: how long after registering a member counts as new.</summary>
public sealed class NewMemberOptions
{
    /// <summary>A day by default; zero turns the new-member rules off.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// Says in a member's tokens and session until when they are new (<see cref="ForumClaims.NewMemberUntil"/>),
/// so that the gateway's limits and every service's rules for new members judge alike.
/// </summary>
public sealed class NewMembers(IOptions<NewMemberOptions> options, TimeProvider clock)
{
    /// <summary>The claim for an account still in its first days; null for everyone else.</summary>
    public Claim? ClaimFor(Account account)
    {
        var until = account.CreatedAt + options.Value.Period;
        return until > clock.GetUtcNow() && !account.Roles.Contains(ForumClaims.Moderator) && !account.Roles.Contains(ForumClaims.Admin)
            ? new Claim(ForumClaims.NewMemberUntil, until.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64)
            : null;
    }
}
