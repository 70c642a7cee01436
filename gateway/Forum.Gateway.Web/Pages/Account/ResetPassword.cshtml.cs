using Forum.EventSourcing;
using Forum.Gateway.Accounts;
using Forum.Gateway.Accounts.Recovery;
using Forum.Gateway.Edge.Allowances;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Account;

/// <summary>
/// The page a reset link opens: opening it changes nothing (mail scanners open links); the member
/// chooses a new password and sends it, which uses the link up and ends every session.
/// </summary>
public sealed class ResetPasswordModel(AccountRecovery recovery, SharedAllowances allowances, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public string? Error { get; private set; }

    public bool Done { get; private set; }

    public void OnGet() => Error = MailedLinks.Opened(Token, Response, text);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        AccountRules.CheckPassword(NewPassword, errors);
        if (errors.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Error = text["PasswordTooShort", AccountRules.MinPasswordCharacters];
            return Page();
        }
        if (await allowances.TakeForFormAsync(RateLimits.Recovering, HttpContext) is null)
        {
            Error = text["TooManyRequests"];
            return Page();
        }
        Error = MailedLinks.Used(await recovery.ResetAsync(Token, NewPassword!, cancellationToken), Response, text);
        Done = Error is null;
        return Page();
    }
}
