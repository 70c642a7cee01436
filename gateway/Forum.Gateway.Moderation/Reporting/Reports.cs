using Forum.Content;
using Forum.EventSourcing;
using Forum.EventSourcing.PersonalData;
using Forum.Gateway.Moderation.Reviewing;
using Forum.Gateway.Moderation.Suspending;
using Forum.Gateway.ReadModels.Comments;
using Forum.Gateway.ReadModels.Posts;
using Forum.ServiceDefaults.Security;
using Forum.ServiceDefaults.Telemetry;
using Marten;
using Microsoft.Extensions.Options;

namespace Forum.Gateway.Moderation.Reporting;

/// <summary>The outcome of a report or a resolution.</summary>
public enum ReportOutcome
{
    Reported,
    AlreadyReported,
    Resolved,
    NoSuchContent,
    NothingOpen,
    ServiceRefused,
}

/// <summary>
/// Members' reports and moderators' decisions about them. Each is an event in the gateway's
/// history (stream = the reported post or comment) saved with the queue's document in one
/// transaction; acting on content is asked of the service that owns it, as the moderator.
/// </summary>
public sealed partial class Reports(
    IDocumentStore store, PostQueries posts, Suspensions suspensions,
    ContentServices services, Reviews reviews, IOptions<ModerationOptions> options, TimeProvider clock)
{
    public const int MaxDetailsCharacters = 1000;

    public static (string Reason, string? Details) Check(string? reason, string? details, FieldErrors errors)
    {
        var normalizedReason = reason?.Trim().ToLowerInvariant() ?? "";
        if (!ReportReasons.All.Contains(normalizedReason))
        {
            errors.Add("reason", $"A reason is one of: {string.Join(", ", ReportReasons.All)}.");
        }
        var text = ModerationText.Check(details, "details", MaxDetailsCharacters, errors);
        if (text is null && normalizedReason == ReportReasons.Other)
        {
            errors.Add("details", "Say what is wrong when the reason is 'other'.");
        }
        return (normalizedReason, text);
    }

    /// <summary>A member reports a post (no comment id) or one of its comments; once per member while the reports are open.</summary>
    public async Task<(ReportOutcome Outcome, ReportedContent? Content)> ReportAsync(
        Guid postId, Guid? commentId, string reason, string? details, Actor reporter, CancellationToken cancellationToken)
    {
        using var activity = ForumTelemetry.Source.StartActivity("report content");
        var target = await TargetAsync(postId, commentId, cancellationToken);
        if (target is null)
        {
            return (ReportOutcome.NoSuchContent, null);
        }
        await using var session = store.LightweightSession();
        var content = await session.LoadAsync<ReportedContent>(target.Id, cancellationToken);
        if (content is { Open: true } && content.Reports.Any(r => r.ReporterId == reporter.Id))
        {
            return (ReportOutcome.AlreadyReported, content);
        }
        var now = clock.GetUtcNow();
        var reported = new ContentReported(target.Id, target.Kind, postId, reporter.Id, reporter.PersonalName(), reason, details, now);
        var report = new Report(reporter.Id, reporter.Name, reason, details, now);
        content = content is { Open: true }
            ? content with { Reports = [.. content.Reports, report], LastReportedAt = now }
            : target with { Open = true, Reports = [report], FirstReportedAt = now, LastReportedAt = now };
        session.Events.Append(target.Id, reported);
        session.Store(content);
        await session.SaveChangesAsync(cancellationToken);
        ModerationMetrics.Reports.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("kind", target.Kind));
        return (ReportOutcome.Reported, await HideIfReportedEnoughAsync(content, cancellationToken));
    }

    /// <summary>
    /// Content reported by enough distinct members is hidden until a moderator decides. A report
    /// that came in at once on another replica may hide it too; the service answers that as done.
    /// </summary>
    private async Task<ReportedContent> HideIfReportedEnoughAsync(ReportedContent content, CancellationToken cancellationToken)
    {
        var threshold = options.Value.HideAfterReports;
        var reporters = content.Reports.Select(r => r.ReporterId).Distinct().Count();
        if (threshold <= 0 || reporters < threshold || content.Hidden)
        {
            return content;
        }
        if (await reviews.HideOnReportsAsync(new ReviewTarget(content.Id, content.Kind, content.PostId, content.AuthorName()), reporters, cancellationToken) is not null)
        {
            return content; // the next report tries again
        }
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<ReportedContent>(content.Id, cancellationToken) is { Open: true } current)
        {
            content = current with { Hidden = true };
            session.Store(content);
            await session.SaveChangesAsync(cancellationToken);
        }
        return content;
    }

    /// <summary>The open reports, grouped by what they report: the most reported first, then the longest waiting.</summary>
    public async Task<(IReadOnlyList<ReportedContent> Items, int Total)> OpenAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var open = await session.Query<ReportedContent>().Where(c => c.Open).ToListAsync(cancellationToken);
        var ordered = open.OrderByDescending(c => c.Reports.Count).ThenBy(c => c.FirstReportedAt).ToList();
        return ([.. ordered.Skip((page - 1) * pageSize).Take(pageSize)], ordered.Count);
    }

    /// <summary>
    /// A moderator decides about the open reports of a post or comment: the action is done first
    /// (by the owning service, or the suspension), and only then are the reports closed, so a
    /// refused action leaves them open.
    /// </summary>
    public async Task<(ReportOutcome Outcome, string? Problem)> ResolveAsync(
        Guid targetId, string decision, string? note, TimeSpan? suspendFor, Actor moderator, bool moderatorIsAdmin, CancellationToken cancellationToken)
    {
        using var activity = ForumTelemetry.Source.StartActivity("resolve reports");
        activity?.SetTag("forum.moderation.decision", decision);
        await using var session = store.LightweightSession();
        var content = await session.LoadAsync<ReportedContent>(targetId, cancellationToken);
        if (content is not { Open: true })
        {
            return (ReportOutcome.NothingOpen, null);
        }
        var (client, path) = ContentServices.Of(content.Kind, content.Id);
        var problem = decision switch
        {
            ReportDecisions.Delete => await services.AskAsync(moderator, client, path, HttpMethod.Delete, cancellationToken),
            ReportDecisions.Lock => await services.AskAsync(moderator, ContentServices.PostsClient, $"/api/posts/{content.PostId}/lock", HttpMethod.Post, cancellationToken),
            ReportDecisions.Suspend => await SuspendAuthorAsync(content, note, suspendFor, moderator, moderatorIsAdmin, cancellationToken),
            _ => null,
        };
        // Reviewed and kept: content hidden on the reports is shown again.
        if (problem is null && content.Hidden && decision != ReportDecisions.Delete)
        {
            problem = await services.AskAsync(moderator, client, $"{path}/unhide", HttpMethod.Post, cancellationToken);
        }
        if (problem is not null)
        {
            return (ReportOutcome.ServiceRefused, problem);
        }
        var now = clock.GetUtcNow();
        session.Events.Append(content.Id, new ReportsResolved(content.Id, content.Kind, content.PostId, content.AuthorName(), decision, note, content.Reports.Count, moderator.Id, moderator.PersonalName(), now));
        session.Store(content with { Open = false, Reports = [], Hidden = false });
        await session.SaveChangesAsync(cancellationToken);
        ModerationMetrics.Resolutions.Add(1, new KeyValuePair<string, object?>("decision", decision));
        return (ReportOutcome.Resolved, null);
    }

    private async Task<string?> SuspendAuthorAsync(ReportedContent content, string? note, TimeSpan? suspendFor, Actor moderator, bool moderatorIsAdmin, CancellationToken cancellationToken)
    {
        var reason = string.IsNullOrWhiteSpace(note) ? $"Reported {content.Kind}: {content.Title}" : note;
        var until = suspendFor is { } period ? clock.GetUtcNow() + period : (DateTimeOffset?)null;
        var (outcome, _) = await suspensions.SuspendAsync(content.Author, TextRules.Truncate(reason, Suspensions.MaxReasonCharacters), until, moderator, moderatorIsAdmin, cancellationToken);
        return outcome switch
        {
            StandingChange.Done => null,
            StandingChange.NotAllowed => "The author cannot be suspended by you.",
            _ => "The author's account no longer exists.",
        };
    }

    /// <summary>What is reported, as the read models show it now; null when it does not exist or is deleted.</summary>
    private async Task<ReportedContent?> TargetAsync(Guid postId, Guid? commentId, CancellationToken cancellationToken)
    {
        // Reports keep coming for a post hidden a moment ago, and for the comments under it.
        if ((await posts.FindAsync(postId, cancellationToken) ?? await posts.FindHiddenAsync(postId, cancellationToken)) is not { } post)
        {
            return null;
        }
        if (commentId is not { } id)
        {
            return new ReportedContent { Id = post.Id, Kind = "post", PostId = post.Id, Author = post.Author, AuthorId = post.AuthorId, Title = post.Title, Excerpt = post.Excerpt };
        }
        await using var session = store.QuerySession();
        return await session.LoadAsync<CommentView>(id, cancellationToken) is { ContentVersion: > 0, Deleted: false } comment && comment.PostId == postId
            ? new ReportedContent
            {
                Id = comment.Id, Kind = "comment", PostId = post.Id, Author = comment.Author, AuthorId = comment.AuthorId, Title = post.Title, Excerpt = TextRules.PlainTextOf(comment.BodyHtml, 200),
            }
            : null;
    }

}
