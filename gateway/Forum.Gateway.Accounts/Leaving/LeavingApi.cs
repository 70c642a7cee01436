using System.Security.Claims;
using Forum.Gateway.Edge.Allowances;
using Forum.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Forum.Gateway.Accounts.Leaving;

public sealed record LeaveRequest(string? Password);

/// <summary><c>DELETE /api/accounts/me</c> <c>{password}</c>: the member leaves; 204, or 400 naming the password.</summary>
public static class LeavingApi
{
    public static IEndpointRouteBuilder MapLeavingApi(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/api/accounts/me", Leave).RequireAuthorization(ForumPolicies.Member).RequireAllowance(RateLimits.Recovering);
        return app;
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Leave(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] LeaveRequest? request, ClaimsPrincipal user, AccountClosing closing, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request?.Password))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = ["Your password is required to leave."] },
                title: "The account was not closed.");
        }
        return await closing.CloseAsync(user.UserIdOf(), request.Password, cancellationToken) switch
        {
            Leaving.Left => TypedResults.NoContent(),
            Leaving.WrongPassword => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = ["The password is wrong."] },
                title: "The account was not closed."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The account no longer exists."),
        };
    }
}
