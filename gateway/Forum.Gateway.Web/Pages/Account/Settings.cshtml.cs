using Forum.EventSourcing;
using Forum.Gateway.Accounts;
using Forum.Gateway.Accounts.Recovery;
using Forum.Gateway.Edge.Allowances;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Account;

/// <summary>A member's own settings: the e-mail address (verified by a mailed link) and the password.</summary>
[Authorize]
public sealed class SettingsModel(ServiceCalls services, AccountDirectory accounts, AccountRecovery recovery, SharedAllowances allowances, IStringLocalizer<SharedResource> text)
    : PageModel
{
    public Forum.Gateway.Accounts.Account Member { get; private set; } = null!;

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public string? EmailError { get; private set; }

    public string? PasswordError { get; private set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await services.SessionAccountAsync(HttpContext) is not { } account)
        {
            return Forbid();
        }
        Member = account;
        Email = account.Email;
        Notice = Request.Query["done"].ToString() switch
        {
            "email" => text["VerificationSent", account.Email ?? ""].Value,
            "password" => text["PasswordChanged"].Value,
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostEmailAsync(CancellationToken cancellationToken)
    {
        if (await services.SessionAccountAsync(HttpContext) is not { } account)
        {
            return Forbid();
        }
        Member = account;
        var email = EmailRules.Check(Email, new FieldErrors());
        if (email is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            EmailError = text["EmailInvalid"];
            return Page();
        }
        if (await allowances.TakeForFormAsync(RateLimits.Recovering, HttpContext) is null)
        {
            EmailError = text["TooManyRequests"];
            return Page();
        }
        await recovery.SetEmailAsync(account, email, cancellationToken);
        return Redirect("/account/settings?done=email");
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        if (await services.SessionAccountAsync(HttpContext) is not { } account)
        {
            return Forbid();
        }
        Member = account;
        Email = account.Email;
        var errors = new FieldErrors();
        AccountRules.CheckPassword(NewPassword, errors);
        if (string.IsNullOrEmpty(CurrentPassword) || errors.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            PasswordError = string.IsNullOrEmpty(CurrentPassword) ? text["CurrentPasswordWrong"] : text["PasswordTooShort", AccountRules.MinPasswordCharacters];
            return Page();
        }
        if (await allowances.TakeForFormAsync(RateLimits.Recovering, HttpContext) is null)
        {
            PasswordError = text["TooManyRequests"];
            return Page();
        }
        if (!await recovery.ChangePasswordAsync(account.Id, CurrentPassword, NewPassword!, cancellationToken))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            PasswordError = text["CurrentPasswordWrong"];
            return Page();
        }
        // Every session begun before the change has ended, this one too: it begins again.
        await SignInModel.StartSessionAsync(HttpContext, await accounts.FindAsync(account.Id, cancellationToken) ?? account);
        return Redirect("/account/settings?done=password");
    }
}
