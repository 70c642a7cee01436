using Forum.Gateway.Accounts;
using Forum.Gateway.Edge.Allowances;
using Forum.Content;
using Forum.EventSourcing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Account;

/// <summary>Registers an account and signs it in.</summary>
public sealed class RegisterModel(AccountDirectory accounts, SharedAllowances allowances, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        AccountRules.CheckUserName(UserName, errors);
        AccountRules.CheckPassword(Password, errors);
        if (errors.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Errors = errors.ToDictionary().SelectMany(e => e.Value).ToList();
            return Page();
        }
        if (await allowances.TakeForFormAsync(RateLimits.Registering, HttpContext) is not { } allowance)
        {
            Errors = [text["TooManyRequests"]];
            return Page();
        }
        var (outcome, account) = await accounts.RegisterAsync(UserName!, Password!, cancellationToken);
        await allowances.SettleAsync(allowance, accepted: outcome == Registration.Created);
        if (outcome != Registration.Created)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            Errors = [text[outcome == Registration.LooksLikeAnother ? "UserNameLooksLikeAnother" : "UserNameTaken"]];
            return Page();
        }
        await SignInModel.StartSessionAsync(HttpContext, account!);
        return LocalRedirect("/");
    }
}
