using Forum.Gateway.Accounts;
using Forum.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Forum.Gateway.Web.Pages.Moderation;

/// <summary>
/// A page for moderators only. The session names the account; its roles are read afresh, so a
/// revoked moderator loses the pages at once. Anyone else gets 403; [Authorize] sends whoever is not
/// signed in to sign in first.
/// </summary>
[Authorize]
public abstract class ModeratorPage(ServiceCalls services) : PageModel
{
    /// <summary>The moderator acting, as decisions need to know them.</summary>
    protected Actor Moderator { get; private set; } = null!;

    protected bool ModeratorIsAdmin { get; private set; }

    /// <summary>Pages that change the forum itself (boards, roles) are for admins alone.</summary>
    protected virtual bool AdminsOnly => false;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var account = await services.SessionAccountAsync(HttpContext);
        if (account is null || !account.Roles.Any(role => role is ForumClaims.Admin || (role is ForumClaims.Moderator && !AdminsOnly)))
        {
            context.Result = StatusCode(StatusCodes.Status403Forbidden);
            return;
        }
        Moderator = new Actor(account.Id, account.UserName, IsModerator: true);
        ModeratorIsAdmin = account.Roles.Contains(ForumClaims.Admin);
        await next();
    }
}
