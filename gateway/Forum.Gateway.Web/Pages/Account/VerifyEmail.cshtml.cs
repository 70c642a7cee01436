using Forum.Gateway.Accounts.Recovery;
using Forum.Gateway.Edge.Allowances;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Account;

/// <summary>The page a verification link opens: a button confirms (opening alone changes nothing, as mail scanners open links).</summary>
public sealed class VerifyEmailModel(AccountRecovery recovery, SharedAllowances allowances, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public string? Error { get; private set; }

    public bool Done { get; private set; }

    public void OnGet()
    {
        if (!AccountLink.LooksLikeToken(Token))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Error = text["LinkUnknown"];
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await allowances.TakeForFormAsync(RateLimits.Recovering, HttpContext) is null)
        {
            Error = text["TooManyRequests"];
            return Page();
        }
        switch (await recovery.VerifyEmailAsync(Token, cancellationToken))
        {
            case LinkUse.Done:
                Done = true;
                break;
            case LinkUse.Unknown:
                Response.StatusCode = StatusCodes.Status400BadRequest;
                Error = text["LinkUnknown"];
                break;
            default:
                Response.StatusCode = StatusCodes.Status410Gone;
                Error = text["LinkGone"];
                break;
        }
        return Page();
    }
}
