using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Forum.Gateway.ReadModels.Boards;
using Forum.Gateway.ReadModels.LiveChanges;
using Forum.Gateway.ReadModels.Posts;
using Forum.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Gateway.LivePages;

/// <summary>
/// The server-sent event streams: <c>GET /api/live/posts/{id}</c> (new, edited and deleted
/// comments, and the post's counts), <c>GET /api/live/boards/{slug}</c> (new posts and the
/// counts of its posts), and <c>GET /api/live/notifications</c> (the member's unread count, which
/// the post and board streams carry too for a signed-in member, so a page needs one stream).
/// <para>
/// Each event's id is its number in the live-change log. A stream that reconnects with
/// <c>Last-Event-ID</c> is first given what its topic missed, from any replica; if that is no
/// longer kept it is told to <c>reload</c>. A <c>ping</c> every 20 s keeps idle connections open
/// through proxies and tells a stream that its reader went away.
/// </para>
/// </summary>
public static class LiveStreams
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(3);
    private const int ReplayLimit = 1000;

    public static string MemberTopic(Guid memberId) => $"member:{memberId}";

    public static IEndpointRouteBuilder MapLiveStreams(this IEndpointRouteBuilder app)
    {
        var live = app.MapGroup("/api/live");
        live.MapGet("/posts/{id:guid}", PostAsync).WithName("LivePost");
        live.MapGet("/boards/{slug}", BoardAsync).WithName("LiveBoard");
        live.MapGet("/notifications", (HttpContext http, LiveTopics topics, LiveChangeListener listener, LiveChangeLog log) =>
            Stream(null, http, topics, listener, log)).WithName("LiveNotifications").RequireAuthorization(ForumPolicies.Member);
        return app;
    }

    internal static async Task<Results<ServerSentEventsResult<string>, ProblemHttpResult>> PostAsync(
        Guid id, HttpContext http, PostQueries posts, LiveTopics topics, LiveChangeListener listener, LiveChangeLog log)
    {
        var post = await posts.FindAsync(id, http.RequestAborted);
        if (post is not { ContentVersion: > 0, Deleted: false })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "There is no such post.");
        }
        return Stream(LiveChangeLog.PostTopic(id), http, topics, listener, log);
    }

    internal static async Task<Results<ServerSentEventsResult<string>, ProblemHttpResult>> BoardAsync(
        string slug, HttpContext http, BoardQueries boards, LiveTopics topics, LiveChangeListener listener, LiveChangeLog log)
    {
        if (await boards.FindAsync(slug, http.RequestAborted) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "There is no such board.");
        }
        return Stream(LiveChangeLog.BoardTopic(slug), http, topics, listener, log);
    }

    private static ServerSentEventsResult<string> Stream(string? topic, HttpContext http, LiveTopics topics, LiveChangeListener listener, LiveChangeLog log)
    {
        var member = http.User.Identity?.IsAuthenticated == true ? http.User.UserIdOf() : (Guid?)null;
        List<string> subscribed = [.. topic is null ? [] : new[] { topic }, .. member is { } m ? new[] { MemberTopic(m) } : []];
        var lastEventId = long.TryParse(http.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : (long?)null;
        // No proxy or server between here and the reader may hold the stream back.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        return TypedResults.ServerSentEvents(EventsAsync(topic, subscribed, lastEventId, topics, listener, log, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> EventsAsync(
        string? topic, IReadOnlyList<string> subscribed, long? lastEventId, LiveTopics topics, LiveChangeListener listener, LiveChangeLog log,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Subscribe before reading the position: a change handed over after it comes through the
        // subscription, one before it is in the log (LiveChangeListener moves the position first).
        using var subscription = topics.Subscribe(subscribed);
        await listener.Started.WaitAsync(cancellationToken);
        var sent = listener.Position;

        if (topic is not null && lastEventId is { } last && last < sent)
        {
            var (_, oldest) = await log.BoundsAsync(cancellationToken);
            var missed = await log.ReadAfterAsync(last, topic, ReplayLimit, cancellationToken);
            if (last + 1 < oldest || missed.Count == ReplayLimit)
            {
                // What it missed is no longer all kept: only a reload shows the page as it is.
                yield return Item(new LiveChange(sent, topic, "reload", "{}"));
                yield break;
            }
            foreach (var change in missed.Where(change => change.Seq <= sent))
            {
                LiveMetrics.Replayed.Add(1);
                yield return Item(change);
            }
        }
        yield return new SseItem<string>("{}", "hello") { EventId = sent.ToString(CultureInfo.InvariantCulture), ReconnectionInterval = Reconnect };

        var changes = subscription.Changes;
        while (!cancellationToken.IsCancellationRequested)
        {
            bool more;
            using (var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                beat.CancelAfter(Heartbeat);
                try
                {
                    more = await changes.WaitToReadAsync(beat.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    more = true;
                }
            }
            if (!more)
            {
                yield break;
            }
            if (!changes.TryPeek(out _))
            {
                yield return new SseItem<string>("{}", "ping");
                continue;
            }
            while (changes.TryRead(out var change))
            {
                if (change.Seq != 0)
                {
                    if (change.Seq <= sent)
                    {
                        continue; // already sent from the log when the stream reconnected
                    }
                    sent = change.Seq;
                }
                yield return Item(change);
            }
        }
    }

    private static SseItem<string> Item(LiveChange change)
    {
        LiveMetrics.Sent.Add(1, new KeyValuePair<string, object?>("kind", change.Kind));
        // Unread counts are no place in the log (Seq 0): they leave the stream's last id as it was.
        return new SseItem<string>(change.Payload, change.Kind) { EventId = change.Seq == 0 ? null : change.Seq.ToString(CultureInfo.InvariantCulture) };
    }
}
