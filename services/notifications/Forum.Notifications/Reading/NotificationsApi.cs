using System.Security.Claims;
using Forum.Notifications.Notifying;
using Forum.ServiceDefaults.Security;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Notifications.Reading;

/// <summary>A notification as its member reads it.</summary>
public sealed record NotificationView(
    Guid Id, string Type, Guid PostId, Guid? CommentId, string PostTitle, IReadOnlyList<string> Actors, long Count, string Excerpt,
    DateTimeOffset CreatedAt, bool Read)
{
    public static NotificationView From(Notification n) =>
        new(n.Id, n.Type, n.PostId, n.CommentId, n.PostTitle, n.Actors, n.Count, n.Excerpt, n.CreatedAt, n.Read);
}

/// <summary>A page of a member's notifications, newest first.</summary>
public sealed record NotificationPage(int Page, int PageSize, long Total, int TotalPages, long Unread, IReadOnlyList<NotificationView> Notifications);

/// <summary>Which notifications to mark as read; none named: all of them.</summary>
public sealed record MarkRead(IReadOnlyList<Guid>? Ids);

/// <summary>
/// A member's own notifications: <c>GET /api/notifications?page=</c>, <c>GET /api/notifications/unread-count</c>
/// and <c>POST /api/notifications/read</c>. Nobody sees or marks another member's.
/// </summary>
public static class NotificationsApi
{
    public const int PageSize = 20;
    public const int MaxIdsMarkedAtOnce = 500;

    public static IEndpointRouteBuilder MapNotificationsEndpoints(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/notifications").RequireAuthorization(ForumPolicies.Member);
        notifications.MapGet("", ListAsync).WithName("Notifications");
        notifications.MapGet("/unread-count", UnreadAsync).WithName("UnreadNotifications");
        notifications.MapPost("/read", MarkReadAsync).WithName("MarkNotificationsRead");
        return app;
    }

    internal static async Task<Results<Ok<NotificationPage>, ValidationProblem>> ListAsync(
        ClaimsPrincipal user, IQuerySession session, CancellationToken cancellationToken, string? page = null)
    {
        var pageNumber = 1;
        if (page is not null && (!int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pageNumber) || pageNumber is < 1 or > 100_000))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["page"] = ["page is a whole number from 1 to 100000."] });
        }
        var me = user.UserIdOf();
        var mine = session.Query<Notification>().Where(n => n.RecipientId == me);
        var shown = await mine.OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id)
            .Skip((pageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var total = await mine.CountAsync(cancellationToken);
        var unread = await mine.CountAsync(n => !n.Read, cancellationToken);
        return TypedResults.Ok(new NotificationPage(
            pageNumber, PageSize, total, (int)Math.Max(1, (total + PageSize - 1) / PageSize), unread, shown.Select(NotificationView.From).ToList()));
    }

    internal static async Task<Ok<UnreadCount>> UnreadAsync(ClaimsPrincipal user, IQuerySession session, CancellationToken cancellationToken)
    {
        var me = user.UserIdOf();
        return TypedResults.Ok(new UnreadCount(await session.Query<Notification>().CountAsync(n => n.RecipientId == me && !n.Read, cancellationToken)));
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> MarkReadAsync(
        ClaimsPrincipal user, IDocumentSession session, IPublishEndpoint publish, ILogger<MarkRead> logger, CancellationToken cancellationToken, MarkRead? body = null)
    {
        var me = user.UserIdOf();
        var ids = body?.Ids?.Distinct().ToList();
        if (ids is { Count: > MaxIdsMarkedAtOnce })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["ids"] = [$"Mark at most {MaxIdsMarkedAtOnce} notifications at once, or name none to mark them all."] });
        }
        List<Notification> unread;
        if (ids is { Count: > 0 })
        {
            var named = await session.LoadManyAsync<Notification>(cancellationToken, ids);
            // Another member's notification is as unknown to the caller as one that does not exist.
            var unknown = ids.Except(named.Where(n => n.RecipientId == me).Select(n => n.Id)).ToList();
            if (unknown.Count > 0)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such notification.",
                    detail: $"You have no notification {unknown[0]}. Nothing was marked.");
            }
            unread = named.Where(n => !n.Read).ToList();
        }
        else
        {
            unread = (await session.Query<Notification>().Where(n => n.RecipientId == me && !n.Read).ToListAsync(cancellationToken)).ToList();
        }
        foreach (var notification in unread)
        {
            session.Update(notification with { Read = true });
        }
        await session.SaveChangesAsync(cancellationToken);
        NotificationMetrics.MarkedRead.Add(unread.Count);
        if (unread.Count > 0)
        {
            // The marks are saved; the member's other open pages learning of it is a courtesy that
            // must not hold the answer back while the broker is away.
            using var announcing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            announcing.CancelAfter(TimeSpan.FromSeconds(2));
            try
            {
                await UnreadCounts.AnnounceAsync(session, publish, [me], announcing.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or MassTransitException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not announce the new unread count; open pages show it on their next load.");
            }
        }
        return TypedResults.NoContent();
    }
}

/// <summary>How many of a member's notifications are unread.</summary>
public sealed record UnreadCount(long Unread);
