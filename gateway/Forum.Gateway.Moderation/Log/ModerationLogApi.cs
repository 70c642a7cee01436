using Forum.Contracts.Accounts;
using Forum.EventSourcing.PersonalData;
using Forum.Gateway.Accounts;
using Forum.Gateway.Moderation.Reporting;
using Forum.Gateway.Moderation.Reviewing;
using Forum.Gateway.Moderation.Suspending;
using Forum.ServiceDefaults.Security;
using Marten;
using JasperFx.Events;
using Marten.Events;

namespace Forum.Gateway.Moderation.Log;

/// <summary>
/// One thing a moderator did: when, who, what (<c>suspend</c>, <c>reinstate</c>, a decision about
/// reports: <c>dismiss</c>, <c>delete</c>, <c>lock</c>, <c>suspend</c>, or a review: <c>hide</c>,
/// <c>show</c>, <c>approve</c>, <c>reject</c>; a <c>hide</c> on members' reports names no moderator; a direct act outside
/// the queues: <c>lock</c>, <c>unlock</c>, <c>pin</c>, <c>unpin</c>, <c>hide</c>, <c>show</c>, <c>delete</c>; an admin's
/// <c>grant_moderator</c>, <c>revoke_moderator</c>), to what kind of thing
/// (<c>member</c>, <c>post</c>, <c>comment</c>), whose (the member, or the author of the content), why,
/// until when if it ends, and for decisions how many reports they closed.
/// </summary>
public sealed record ModerationLogEntry(
    long Sequence, DateTimeOffset At, string Moderator, string Action, string Kind, string Target, string? Reason, DateTimeOffset? Until, Guid? PostId, int? Reports);

/// <summary>A page of the log, newest first.</summary>
public sealed record ModerationLogPage(int Page, int PageSize, int Total, int TotalPages, IReadOnlyList<ModerationLogEntry> Entries);

/// <summary>
/// The moderation log, read from the gateway's event history (never from a table that could be
/// edited): what moderators did to members and to reported content. <c>GET /api/moderation/log?page=</c>, moderators only.
/// </summary>
public sealed class ModerationLogQueries(IDocumentStore store)
{
    public const int PageSize = 50;

    public async Task<ModerationLogPage> PageAsync(int page, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var events = session.Events.QueryAllRawEvents().Where(e => e.EventTypesAre(typeof(MemberWasSuspended), typeof(MemberWasReinstated), typeof(ReportsResolved), typeof(ContentHiddenOnReports), typeof(ContentReviewed), typeof(MemberRoleChanged), typeof(ModeratorActed)));
        var total = await events.CountAsync(cancellationToken);
        var totalPages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, totalPages);
        var found = await events.OrderByDescending(e => e.Sequence).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return new ModerationLogPage(page, PageSize, total, totalPages, [.. found.Select(Entry)]);
    }

    private static ModerationLogEntry Entry(IEvent stored) => stored.Data switch
    {
        MemberWasSuspended s => new(stored.Sequence, s.At, Name(s.Moderator), "suspend", "member", Name(s.UserName), s.Reason, s.Until, null, null),
        MemberWasReinstated r => new(stored.Sequence, r.At, Name(r.Moderator), "reinstate", "member", Name(r.UserName), r.Reason, null, null, null),
        ReportsResolved r => new(stored.Sequence, r.At, Name(r.Moderator), r.Decision, r.Kind, Name(r.Author), r.Note, null, r.PostId, r.Reports),
        // Nobody decided: the members' reports did, and the log names no moderator.
        ContentHiddenOnReports h => new(stored.Sequence, h.At, "", "hide", h.Kind, Name(h.Author), null, null, h.PostId, h.Reporters),
        ContentReviewed r => new(stored.Sequence, r.At, Name(r.Moderator), r.Decision, r.Kind, Name(r.Author), null, null, r.PostId, null),
        ModeratorActed a => new(stored.Sequence, a.At, Name(a.Moderator), a.Action, a.Kind, Name(a.Author), null, null, a.PostId, null),
        MemberRoleChanged c => new(stored.Sequence, c.At, Name(c.Admin), (c.Granted ? "grant_" : "revoke_") + c.Role, "member", Name(c.UserName), null, null, null, null),
        _ => new(stored.Sequence, stored.Timestamp, "", stored.EventTypeName, "", "", null, null, null, null),
    };

    /// <summary>A name in the log: who acted or was acted on, or a former member once they left.</summary>
    private static string Name(PersonalText name) => name.Or(MemberForgotten.FormerMemberName);

}

/// <summary><c>GET /api/moderation/log?page=</c>: moderators only.</summary>
public static class ModerationLogApi
{
    public static IEndpointRouteBuilder MapModerationLogApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/moderation/log", async (string? page, ModerationLogQueries log, CancellationToken cancellationToken) =>
                TypedResults.Ok(await log.PageAsync(int.TryParse(page, out var number) ? number : 1, cancellationToken)))
            .RequireAuthorization(ForumPolicies.Moderator);
        return app;
    }
}
