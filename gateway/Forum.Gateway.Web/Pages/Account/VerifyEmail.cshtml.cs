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

    public void OnGet() => Error = MailedLinks.Opened(Token, Response, text);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await allowances.TakeForFormAsync(RateLimits.Recovering, HttpContext) is null)
        {
            Error = text["TooManyRequests"];
            return Page();
        }
        Error = MailedLinks.Used(await recovery.VerifyEmailAsync(Token, cancellationToken), Response, text);
        Done = Error is null;
        return Page();
    }
}
