using System.Security.Claims;
using Forum.Content;
using Forum.EventSourcing;
using Forum.Gateway.ReadModels.Posts;
using Forum.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Gateway.Moderation.Reviewing;

/// <summary>The body of <c>POST /api/moderation/approvals/{postId}</c>: <c>approve</c> or <c>reject</c>.</summary>
public sealed record ApprovalRequest(string? Decision);

/// <summary>A page of posts held for approval, the longest waiting first.</summary>
public sealed record ApprovalQueuePage(int Page, int PageSize, int Total, int TotalPages, IReadOnlyList<PostListItem> Posts);

/// <summary>
/// The approval queue (<c>Forum__NewMembers__ApprovePosts</c>): posts new members wrote wait here
/// for a moderator, who publishes or deletes them. Moderators only.
/// </summary>
public static class ApprovalsApi
{
    public const int PageSize = 20;

    public static IEndpointRouteBuilder MapApprovalsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/moderation/approvals", Queue).RequireAuthorization(ForumPolicies.Moderator);
        app.MapPost("/api/moderation/approvals/{postId:guid}", Decide).RequireAuthorization(ForumPolicies.Moderator);
        return app;
    }

    internal static async Task<Ok<ApprovalQueuePage>> Queue(string? page, PostQueries posts, CancellationToken cancellationToken)
    {
        var number = int.TryParse(page, out var n) && n > 0 ? n : 1;
        var (held, total) = await posts.HiddenAsync(HidingReasons.Approval, number, PageSize, cancellationToken);
        return TypedResults.Ok(new ApprovalQueuePage(number, PageSize, total, Math.Max(1, (total + PageSize - 1) / PageSize), [.. held.Select(PostListItem.From)]));
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Decide(
        Guid postId, ApprovalRequest request, ClaimsPrincipal user, Reviews reviews, CancellationToken cancellationToken)
    {
        var decision = request.Decision?.Trim().ToLowerInvariant();
        if (decision is not (ReviewDecisions.Approve or ReviewDecisions.Reject))
        {
            var errors = new FieldErrors();
            errors.Add("decision", $"A decision is {ReviewDecisions.Approve} or {ReviewDecisions.Reject}.");
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The post cannot be decided on.");
        }
        if (await reviews.HeldPostAsync(postId, cancellationToken) is not { } held)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No post with this id waits for approval.");
        }
        return await reviews.DecideAsync(held, decision, Actor.From(user), cancellationToken) is { } problem
            ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The decision could not be carried out.", detail: problem)
            : TypedResults.NoContent();
    }
}
