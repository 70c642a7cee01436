using System.Security.Claims;
using Forum.EventSourcing;
using Forum.Gateway.Edge.Allowances;
using Forum.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Gateway.Accounts.Recovery;

/// <summary>The body of <c>PUT /api/accounts/me/email</c>.</summary>
public sealed record EmailRequest(string? Email);

/// <summary>The body of <c>POST /api/accounts/email/verify</c>.</summary>
public sealed record LinkRequest(string? Token);

/// <summary>The body of <c>PUT /api/accounts/me/password</c>.</summary>
public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

/// <summary>The body of <c>POST /api/accounts/password-reset</c>: a user name or a verified address.</summary>
public sealed record ResetRequest(string? Login);

/// <summary>The body of <c>POST /api/accounts/password-reset/complete</c>.</summary>
public sealed record ResetCompletion(string? Token, string? NewPassword);

/// <summary>
/// A member's address and password through the API. Every call takes from the recovering allowance
/// (each attempt counts), so links cannot be guessed nor an inbox flooded.
/// </summary>
public static class RecoveryApi
{
    public static IEndpointRouteBuilder MapRecoveryApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/accounts/me/email", SetEmail).RequireAuthorization(ForumPolicies.Member).RequireAllowance(RateLimits.Recovering);
        app.MapPost("/api/accounts/email/verify", VerifyEmail).RequireAllowance(RateLimits.Recovering);
        app.MapPut("/api/accounts/me/password", ChangePassword).RequireAuthorization(ForumPolicies.Member).RequireAllowance(RateLimits.Recovering);
        app.MapPost("/api/accounts/password-reset", RequestReset).RequireAllowance(RateLimits.Recovering);
        app.MapPost("/api/accounts/password-reset/complete", CompleteReset).RequireAllowance(RateLimits.Recovering);
        return app;
    }

    internal static async Task<Results<Accepted<AccountView>, ValidationProblem, ProblemHttpResult>> SetEmail(
        EmailRequest request, ClaimsPrincipal user, AccountDirectory accounts, AccountRecovery recovery, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var email = EmailRules.Check(request.Email, errors);
        if (email is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The address cannot be kept.");
        }
        if (await accounts.FindAsync(user.UserIdOf(), cancellationToken) is not { } account)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The account no longer exists.");
        }
        await recovery.SetEmailAsync(account, email, cancellationToken);
        var kept = await accounts.FindAsync(account.Id, cancellationToken) ?? account;
        return TypedResults.Accepted("/api/accounts/me", AccountView.From(kept));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> VerifyEmail(LinkRequest request, AccountRecovery recovery, CancellationToken cancellationToken) =>
        Refusal(await recovery.VerifyEmailAsync(request.Token, cancellationToken), "verification") is { } refused ? refused : TypedResults.NoContent();

    internal static async Task<Results<NoContent, ValidationProblem>> ChangePassword(
        PasswordChangeRequest request, ClaimsPrincipal user, AccountRecovery recovery, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(request.CurrentPassword))
        {
            errors.Add("currentPassword", "The current password is required.");
        }
        AccountRules.CheckPassword(request.NewPassword, errors, "newPassword");
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The password cannot be changed.");
        }
        if (!await recovery.ChangePasswordAsync(user.UserIdOf(), request.CurrentPassword!, request.NewPassword!, cancellationToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currentPassword"] = ["The current password is wrong."] },
                title: "The password cannot be changed.");
        }
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Accepted<ResetAnswer>, ValidationProblem>> RequestReset(ResetRequest request, AccountRecovery recovery, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Login))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["login"] = ["Give your user name or your e-mail address."] });
        }
        await recovery.RequestResetAsync(request.Login, cancellationToken);
        // The same answer whether or not an account matched: nobody learns who is a member here.
        return TypedResults.Accepted((string?)null, ResetAnswer.Instance);
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> CompleteReset(ResetCompletion request, AccountRecovery recovery, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        AccountRules.CheckPassword(request.NewPassword, errors, "newPassword");
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The password cannot be reset.");
        }
        return Refusal(await recovery.ResetAsync(request.Token, request.NewPassword!, cancellationToken), "reset") is { } refused ? refused : TypedResults.NoContent();
    }

    /// <summary>Null when the link was used as meant; else 400 for a link that never was, 410 for one that was.</summary>
    private static ProblemHttpResult? Refusal(LinkUse use, string what) => use switch
    {
        LinkUse.Done => null,
        LinkUse.Unknown => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"This {what} link is not valid.",
            detail: "Copy the whole link from the mail, or ask for a new one."),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: $"This {what} link has been used or has expired.",
            detail: "Each link works once and for a short time: ask for a new one."),
    };
}

/// <summary>What a reset request is answered, whoever asked.</summary>
public sealed record ResetAnswer(string Detail)
{
    public static readonly ResetAnswer Instance = new("If an account with a verified e-mail address matches, a link to reset its password was mailed to it. The link works once, for 30 minutes.");
}
