using Forum.Gateway.Accounts.Recovery;
using Forum.Gateway.Edge.Allowances;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Account;

/// <summary>Asks for a reset link by name or address; says the same whoever was named.</summary>
public sealed class ForgotPasswordModel(AccountRecovery recovery, SharedAllowances allowances, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public string? Login { get; set; }

    public string? Error { get; private set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Login))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Error = text["ResetLoginMissing"];
            return Page();
        }
        if (await allowances.TakeForFormAsync(RateLimits.Recovering, HttpContext) is null)
        {
            Error = text["TooManyRequests"];
            return Page();
        }
        await recovery.RequestResetAsync(Login, cancellationToken);
        Sent = true;
        return Page();
    }
}
