using Forum.Gateway.Edge;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Forum.Gateway.Web.Pages.Account;

/// <summary>Ends the cookie session (a POST with the antiforgery token, so no other site can sign you out).</summary>
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(SessionAuthentication.CookieScheme);
        return LocalRedirect("/");
    }
}
