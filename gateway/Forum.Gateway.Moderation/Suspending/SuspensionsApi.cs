using Forum.Gateway.Accounts;
using System.Security.Claims;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Gateway.Moderation.Suspending;

/// <summary>The body of <c>PUT /api/accounts/{userName}/suspension</c>: why, and until when (left out: for good).</summary>
public sealed record SuspendRequest(string? Reason, DateTimeOffset? Until);

/// <summary>A suspended member as moderators see them.</summary>
public sealed record SuspensionView(string UserName, DateTimeOffset? Until, string Reason, string Moderator, DateTimeOffset SuspendedAt)
{
    public static SuspensionView From(Account account) =>
        new(account.UserName, account.Suspension!.Until, account.Suspension.Reason, account.Suspension.Moderator, account.Suspension.SuspendedAt);
}

/// <summary>Suspending members, lifting suspensions, and the list of who is suspended: moderators only.</summary>
public static class SuspensionsApi
{
    public static IEndpointRouteBuilder MapSuspensionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/accounts/{userName}/suspension", Suspend).RequireAuthorization(ForumPolicies.Moderator);
        app.MapDelete("/api/accounts/{userName}/suspension", Reinstate).RequireAuthorization(ForumPolicies.Moderator);
        app.MapGet("/api/accounts/suspended", List).RequireAuthorization(ForumPolicies.Moderator);
        return app;
    }

    internal static async Task<Results<Ok<SuspensionView>, ValidationProblem, ProblemHttpResult>> Suspend(
        string userName, SuspendRequest request, ClaimsPrincipal user, Suspensions suspensions, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var (reason, until) = suspensions.Check(request.Reason, request.Until, errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The member cannot be suspended.");
        }
        var (outcome, account) = await suspensions.SuspendAsync(userName, reason, until, Actor.From(user), user.IsAdmin(), cancellationToken);
        return outcome switch
        {
            StandingChange.NoSuchAccount => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such account."),
            StandingChange.NotAllowed => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This member cannot be suspended by you.",
                detail: "Nobody suspends an admin or themselves, and only admins suspend moderators."),
            _ => TypedResults.Ok(SuspensionView.From(account!)),
        };
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Reinstate(
        string userName, ClaimsPrincipal user, Suspensions suspensions, CancellationToken cancellationToken)
    {
        var (outcome, _) = await suspensions.ReinstateAsync(userName, null, Actor.From(user), cancellationToken);
        return outcome == StandingChange.NoSuchAccount
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such account.")
            : TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<SuspensionView>>> List(Suspensions suspensions, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<SuspensionView>>([.. (await suspensions.ListAsync(cancellationToken)).Select(SuspensionView.From)]);
}
