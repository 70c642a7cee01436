using System.Globalization;
using System.Security.Claims;
using Forum.Gateway.Accounts.SigningIn;
using Forum.Gateway.Accounts.Tokens;
using Forum.Gateway.Edge;
using Forum.Gateway.Edge.Allowances;
using Forum.Content;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Gateway.Accounts;

/// <summary>The body of <c>POST /api/accounts</c> and <c>POST /api/accounts/token</c>.</summary>
public sealed record Credentials(string? UserName, string? Password);

/// <summary>An account as the API shows it to its owner: never its password hash.</summary>
public sealed record AccountView(Guid Id, string UserName, IReadOnlyList<string> Roles, string? Email, bool EmailVerified)
{
    public static AccountView From(Account account) => new(account.Id, account.UserName, account.Roles, account.Email, account.EmailVerified);
}

/// <summary>A member as admins and moderators find them: name, roles, since when, and any suspension.</summary>
public sealed record MemberView(string UserName, IReadOnlyList<string> Roles, DateTimeOffset JoinedAt, DateTimeOffset? SuspendedUntil, string? SuspensionReason, bool Suspended)
{
    public static MemberView From(Account account, TimeProvider clock) => account.Suspended(clock) is { } suspension
        ? new(account.UserName, account.Roles, account.CreatedAt, suspension.Until, suspension.Reason, true)
        : new(account.UserName, account.Roles, account.CreatedAt, null, null, false);
}

/// <summary>Registering, getting a token, finding members, and roles.</summary>
public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/accounts", Register).RequireAllowance(RateLimits.Registering);
        app.MapPost("/api/accounts/token", IssueToken).RequireAllowance(RateLimits.SigningIn);
        app.MapGet("/api/accounts/me", Me).RequireAuthorization(ForumPolicies.Member);
        app.MapGet("/api/accounts", Find).RequireAuthorization(ForumPolicies.Moderator);
        app.MapPut("/api/accounts/{userName}/roles/{role}", (string userName, string role, ClaimsPrincipal user, AccountDirectory accounts, CancellationToken ct) =>
            SetRole(userName, role, true, Actor.From(user), accounts, ct)).RequireAuthorization(ForumPolicies.Admin);
        app.MapDelete("/api/accounts/{userName}/roles/{role}", (string userName, string role, ClaimsPrincipal user, AccountDirectory accounts, CancellationToken ct) =>
            SetRole(userName, role, false, Actor.From(user), accounts, ct)).RequireAuthorization(ForumPolicies.Admin);
        return app;
    }

    internal static async Task<Results<Created<AccountView>, ValidationProblem, ProblemHttpResult>> Register(
        Credentials credentials, AccountDirectory accounts, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        AccountRules.CheckUserName(credentials.UserName, errors);
        AccountRules.CheckPassword(credentials.Password, errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The account cannot be registered.");
        }

        var (outcome, account) = await accounts.RegisterAsync(credentials.UserName!, credentials.Password!, cancellationToken);
        if (outcome == Registration.NameTaken)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The user name is taken.",
                detail: "Someone already uses this name (names are compared ignoring case). Choose another.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["userName"] = ["The user name is taken."] } });
        }
        if (outcome == Registration.LooksLikeAnother)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The user name looks like another member's.",
                detail: "Another member's name looks the same to a reader (letters of other scripts that pass for these). Choose another.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["userName"] = ["The user name looks like another member's."] } });
        }
        return TypedResults.Created($"/api/accounts/{Uri.EscapeDataString(account!.UserName)}", AccountView.From(account));
    }

    internal static async Task<Results<Ok<IssuedToken>, ValidationProblem, ProblemHttpResult>> IssueToken(
        Credentials credentials, SignIn signIn, TokenIssuer tokens, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(credentials.UserName) || string.IsNullOrEmpty(credentials.Password))
        {
            var errors = new FieldErrors();
            if (string.IsNullOrEmpty(credentials.UserName)) errors.Add("userName", "A user name is required.");
            if (string.IsNullOrEmpty(credentials.Password)) errors.Add("password", "A password is required.");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var (account, retryAfter) = await signIn.VerifyAsync(credentials.UserName, credentials.Password, http.Connection.RemoteIpAddress, cancellationToken);
        if (retryAfter > TimeSpan.Zero)
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed sign-ins.",
                detail: "Wait before trying this user name again.");
        }
        if (account is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong user name or password.");
        }
        if (account.Suspended(clock) is { } suspension)
        {
            // The password was right, so the member may know why they cannot act.
            return Suspended(suspension);
        }
        return TypedResults.Ok(tokens.Issue(account));
    }

    internal static async Task<Results<Ok<AccountView>, ProblemHttpResult>> Me(ClaimsPrincipal user, AccountDirectory accounts, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(user.UserIdOf(), cancellationToken);
        return account is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The account no longer exists.")
            : TypedResults.Ok(AccountView.From(account));
    }

    /// <summary>At most this many members answer one search: a name part narrow enough finds the one wanted.</summary>
    public const int MaxFound = 50;

    /// <summary><c>GET /api/accounts?q=</c>: members whose name holds the text, for admins granting roles and moderators suspending.</summary>
    internal static async Task<Results<Ok<IReadOnlyList<MemberView>>, ValidationProblem>> Find(
        string? q, AccountDirectory accounts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var part = TextRules.Normalize(q?.Trim());
        if (string.IsNullOrEmpty(part) || TextRules.LengthInCharacters(part) > AccountRules.MaxUserNameCharacters || TextRules.HasForbiddenCharacters(part, allowLineBreaks: false))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["q"] = [$"Give part of a name: 1 to {AccountRules.MaxUserNameCharacters} characters."],
            }, title: "Nobody can be looked up.");
        }
        var found = await accounts.SearchAsync(part, MaxFound, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<MemberView>>([.. found.Select(account => MemberView.From(account, clock))]);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> SetRole(
        string userName, string role, bool granted, Actor admin, AccountDirectory accounts, CancellationToken cancellationToken)
    {
        if (role != ForumClaims.Moderator)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown role.",
                detail: "Admins grant and revoke the role 'moderator'.");
        }
        return await accounts.SetRoleAsync(userName, role, granted, admin, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such account.");
    }

    /// <summary>403: the account is suspended, why, and until when.</summary>
    internal static ProblemHttpResult Suspended(AccountSuspension suspension) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The account is suspended.",
            detail: suspension.Until is { } until ? $"Suspended until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC: {suspension.Reason}" : $"Suspended for good: {suspension.Reason}",
            extensions: new Dictionary<string, object?> { ["reason"] = suspension.Reason, ["suspendedUntil"] = suspension.Until });
}
