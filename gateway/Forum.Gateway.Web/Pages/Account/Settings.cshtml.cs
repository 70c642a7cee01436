using System.Net.Http.Json;
using Forum.EventSourcing;
using Forum.Gateway.Accounts;
using Forum.Gateway.Accounts.Leaving;
using Forum.Gateway.Accounts.Profiles;
using Forum.Gateway.Accounts.Recovery;
using Forum.Gateway.Edge;
using Forum.Gateway.Edge.Allowances;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Account;

/// <summary>A member's own settings: the e-mail address (verified by a mailed link) and the password.</summary>
[Authorize]
public sealed class SettingsModel(
    ServiceCalls services, AccountDirectory accounts, AccountRecovery recovery, MemberProfiles profiles, AccountClosing closing, SharedAllowances allowances,
    IStringLocalizer<SharedResource> text)
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

    /// <summary>The password that confirms leaving the forum.</summary>
    [BindProperty]
    public string? LeavePassword { get; set; }

    public string? LeaveError { get; private set; }

    public string? Notice { get; private set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Bio { get; set; }

    [BindProperty]
    public IFormFile? Picture { get; set; }

    [BindProperty]
    public bool RemovePicture { get; set; }

    public string? ProfileError { get; private set; }

    /// <summary>Every handler acts on the session's account, read once; a session whose account is gone gets 403.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (await services.SessionAccountAsync(HttpContext) is not { } account)
        {
            context.Result = Forbid();
            return;
        }
        Member = account;
        await next();
    }

    public void OnGet()
    {
        var account = Member;
        (Email, DisplayName, Bio) = (account.Email, account.DisplayName, account.Bio);
        Notice = Request.Query["done"].ToString() switch
        {
            "profile" => text["ProfileSaved"].Value,
            "email" => text["VerificationSent", account.Email ?? ""].Value,
            "password" => text["PasswordChanged"].Value,
            _ => null,
        };
    }

    public async Task<IActionResult> OnPostEmailAsync(CancellationToken cancellationToken)
    {
        var account = Member;
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

    public async Task<IActionResult> OnPostProfileAsync(CancellationToken cancellationToken)
    {
        var account = Member;
        var errors = new FieldErrors();
        var displayName = ProfileRules.CheckDisplayName(DisplayName, errors);
        var bio = ProfileRules.CheckBio(Bio, errors);
        if (errors.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            ProfileError = text["ProfileInvalid", ProfileRules.MaxDisplayNameCharacters, ProfileRules.MaxBioCharacters];
            return Page();
        }
        var avatar = RemovePicture ? null : account.Avatar;
        if (Picture is { Length: > 0 } && !RemovePicture)
        {
            // The picture goes through the upload rules of every image: size, kind, re-encoding to WebP.
            using var client = await services.AsSessionUserAsync(ServiceCalls.Posts, HttpContext);
            if (client is null || await allowances.TakeForFormAsync(RateLimits.Uploading, HttpContext) is not { } allowance)
            {
                ProfileError = text["TooManyRequests"];
                return Page();
            }
            using var answer = await ImageUploads.SendAsync(client, Picture, cancellationToken);
            await allowances.SettleAsync(allowance, answer.IsSuccessStatusCode);
            if (!answer.IsSuccessStatusCode)
            {
                Response.StatusCode = StatusCodes.Status400BadRequest;
                ProfileError = text["PictureRefused", await Posts.PostModel.ProblemText(answer, cancellationToken)];
                return Page();
            }
            avatar = (await answer.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancellationToken)).GetProperty("url").GetString();
        }
        await profiles.SaveAsync(account.Id, displayName, bio, avatar, cancellationToken);
        return Redirect("/account/settings?done=profile");
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        var account = Member;
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

    /// <summary>Leaves the forum: the account goes, with the password confirmed; what the member wrote stays, credited to a former member.</summary>
    public async Task<IActionResult> OnPostLeaveAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(LeavePassword))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            LeaveError = text["LeavePasswordRequired"];
            return Page();
        }
        if (await allowances.TakeForFormAsync(RateLimits.Recovering, HttpContext) is null)
        {
            LeaveError = text["TooManyRequests"];
            return Page();
        }
        if (await closing.CloseAsync(Member.Id, LeavePassword, cancellationToken) == Leaving.WrongPassword)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            LeaveError = text["CurrentPasswordWrong"];
            return Page();
        }
        await HttpContext.SignOutAsync(SessionAuthentication.CookieScheme);
        return Redirect("/account/left");
    }
}
