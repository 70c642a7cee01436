using System.Security.Claims;
using Forum.EventSourcing;
using Forum.Gateway.Edge.Allowances;
using Forum.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Gateway.Moderation.Reporting;

/// <summary>The body of <c>POST /api/reports</c>: a post, or one of its comments, and why.</summary>
public sealed record ReportRequest(Guid? PostId, Guid? CommentId, string? Reason, string? Details);

/// <summary>The body of <c>POST /api/moderation/reports/{targetId}/resolve</c>.</summary>
/// <param name="SuspendDays">For <c>suspend</c>: how many days; left out, for good.</param>
public sealed record ResolveRequest(string? Decision, string? Note, int? SuspendDays);

/// <summary>What a report answers: how many members have reported the content in its open round, and whether it is now hidden pending review.</summary>
public sealed record ReportAnswer(Guid TargetId, string Kind, int Reports, bool Hidden);

/// <summary>A page of the moderation queue.</summary>
public sealed record ReportQueuePage(int Page, int PageSize, int Total, int TotalPages, IReadOnlyList<ReportedContent> Items);

/// <summary>Reporting (members) and the moderation queue (moderators).</summary>
public static class ReportsApi
{
    public const int QueuePageSize = 20;

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/reports", Report).RequireAuthorization(ForumPolicies.Member).RequireAllowance(RateLimits.Reporting);
        app.MapGet("/api/moderation/reports", Queue).RequireAuthorization(ForumPolicies.Moderator);
        app.MapPost("/api/moderation/reports/{targetId:guid}/resolve", Resolve).RequireAuthorization(ForumPolicies.Moderator);
        return app;
    }

    internal static async Task<Results<Created<ReportAnswer>, Ok<ReportAnswer>, ValidationProblem, ProblemHttpResult>> Report(
        ReportRequest request, ClaimsPrincipal user, Reports reports, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (request.PostId is null)
        {
            errors.Add("postId", "Name the post (and the comment, if it is a comment you report).");
        }
        var (reason, details) = Reporting.Reports.Check(request.Reason, request.Details, errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The report cannot be taken.");
        }
        var (outcome, content) = await reports.ReportAsync(request.PostId!.Value, request.CommentId, reason, details, Actor.From(user), cancellationToken);
        return outcome switch
        {
            ReportOutcome.NoSuchContent => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "There is no such post or comment."),
            ReportOutcome.AlreadyReported => TypedResults.Ok(new ReportAnswer(content!.Id, content.Kind, content.Reports.Count, content.Hidden)),
            _ => TypedResults.Created($"/api/moderation/reports/{content!.Id}", new ReportAnswer(content.Id, content.Kind, content.Reports.Count, content.Hidden)),
        };
    }

    internal static async Task<Ok<ReportQueuePage>> Queue(string? page, Reports reports, CancellationToken cancellationToken)
    {
        var number = int.TryParse(page, out var n) && n > 0 ? n : 1;
        var (items, total) = await reports.OpenAsync(number, QueuePageSize, cancellationToken);
        return TypedResults.Ok(new ReportQueuePage(number, QueuePageSize, total, Math.Max(1, (total + QueuePageSize - 1) / QueuePageSize), items));
    }

    internal static async Task<Results<Ok, ValidationProblem, ProblemHttpResult>> Resolve(
        Guid targetId, ResolveRequest request, ClaimsPrincipal user, Reports reports, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var decision = request.Decision?.Trim().ToLowerInvariant() ?? "";
        if (!ReportDecisions.All.Contains(decision))
        {
            errors.Add("decision", $"A decision is one of: {string.Join(", ", ReportDecisions.All)}.");
        }
        if (request.SuspendDays is < 1 or > 36500)
        {
            errors.Add("suspendDays", "A suspension lasts 1 to 36,500 days; leave it out to suspend for good.");
        }
        var note = ModerationText.Check(request.Note, "note", Suspending.Suspensions.MaxReasonCharacters, errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The reports cannot be resolved.");
        }
        var (outcome, problem) = await reports.ResolveAsync(targetId, decision, note,
            request.SuspendDays is { } days ? TimeSpan.FromDays(days) : null, Actor.From(user), user.IsAdmin(), cancellationToken);
        return outcome switch
        {
            ReportOutcome.NothingOpen => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No open reports of this post or comment."),
            ReportOutcome.ServiceRefused => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The decision could not be carried out; the reports stay open.", detail: problem),
            _ => TypedResults.Ok(),
        };
    }
}
