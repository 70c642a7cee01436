using System.Globalization;
using System.Security.Claims;
using Forum.Gateway.Accounts;
using Forum.Gateway.Accounts.SigningIn;
using Forum.Gateway.Edge;
using Forum.Gateway.Edge.Allowances;
using Forum.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Account;

/// <summary>Signs in with a password and starts the cookie session.</summary>
public sealed class SignInModel(Forum.Gateway.Accounts.SigningIn.SignIn signIn, SharedAllowances allowances, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = text["SignInMissing"];
            return Page();
        }
        // Every attempt counts against the address's allowance: guessing is what it is for.
        if (await allowances.TakeForFormAsync(RateLimits.SigningIn, HttpContext) is null)
        {
            Error = text["TooManyRequests"];
            return Page();
        }
        var (account, retryAfter) = await signIn.VerifyAsync(UserName, Password, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (retryAfter > TimeSpan.Zero)
        {
            Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Error = text["SignInThrottled"];
            return Page();
        }
        if (account is null)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Error = text["SignInWrong"];
            return Page();
        }

        if (account.Suspended(clock) is { } suspension)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            Error = suspension.Until is { } until
                ? text["SignInSuspendedUntil", Display.Date(until), suspension.Reason]
                : text["SignInSuspendedForGood", suspension.Reason];
            return Page();
        }

        await StartSessionAsync(HttpContext, account);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    /// <summary>The session cookie names the account; roles are read afresh whenever they matter.</summary>
    /// <remarks>A new member's session says until when they are new, as their tokens do, for the limits at the edge.</remarks>
    internal static Task StartSessionAsync(HttpContext context, Forum.Gateway.Accounts.Account account) =>
        context.SignInAsync(SessionAuthentication.CookieScheme, new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ForumClaims.UserId, account.Id.ToString()),
                new Claim(ForumClaims.UserName, account.UserName),
                SessionAuthentication.Started(context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()),
                .. context.RequestServices.GetRequiredService<NewMembers>().ClaimFor(account) is { } newMember ? [newMember] : Array.Empty<Claim>(),
            ],
            SessionAuthentication.CookieScheme, ForumClaims.UserName, ForumClaims.Role)));
}
