using System.Globalization;
using Forum.Engagement.KnowingPosts;
using Forum.Engagement.Streams;
using Forum.ServiceDefaults.Security;
using Marten;
using Microsoft.Extensions.Options;

namespace Forum.Engagement.CountingViews;

/// <summary>
/// <c>POST /internal/view-batches</c>: the gateway delivers the view hits it buffered. Only a
/// service token may call it; the gateway does not route it. The batch's views, the viewer
/// windows it opened and its id are committed in one transaction, so a batch delivered twice,
/// or retried after a crash mid-batch, is counted exactly once.
/// </summary>
public static class CountViewsEndpoint
{
    public const string Path = "/internal/view-batches";

    /// <summary>How far ahead of this service's clock a hit may be stamped (clock skew between machines).</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    private const int MaxViewerKeyLength = 200;

    public static IEndpointRouteBuilder MapCountViews(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, HandleAsync).WithName("CountViews").RequireAuthorization(ForumPolicies.Service);
        return app;
    }

    /// <summary>Batches are counted one at a time per replica: they touch many posts each, and taking turns beats colliding.</summary>
    private static readonly SemaphoreSlim OneBatchAtATime = new(1, 1);

    internal static async Task<IResult> HandleAsync(
        ViewBatch? batch, IDocumentStore store, IOptions<ViewOptions> options, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (Validate(batch, settings.MaxHitsPerBatch, clock.GetUtcNow()) is { } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "The view batch is not valid.");
        }
        var hits = batch!.Hits!;

        await OneBatchAtATime.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return TypedResults.Ok(await CountAsync(batch.BatchId, hits, store, settings.Window, clock, cancellationToken));
                }
                catch (Exception e) when (StreamWriters.IsConflict(e) || e is ViewerWindowsChangedException)
                {
                    EngagementMetrics.WriteConflicts.Add(1, new KeyValuePair<string, object?>("operation", "views"));
                    if (attempt == StreamWriters.MaxAttempts)
                    {
                        loggers.CreateLogger(typeof(CountViewsEndpoint)).LogWarning(
                            "View batch {BatchId} lost {Attempts} races for its posts; the sender will retry it", batch.BatchId, attempt);
                        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The posts are busy.",
                            detail: "Send the same batch again.");
                    }
                }
                await StreamWriters.BackOffAsync(attempt, cancellationToken);
            }
        }
        finally
        {
            OneBatchAtATime.Release();
        }
    }

    private static async Task<ViewBatchReceipt> CountAsync(
        Guid batchId, IReadOnlyList<ViewHit> hits, IDocumentStore store, TimeSpan window, TimeProvider clock, CancellationToken cancellationToken)
    {
        // One transaction for the windows (plain SQL) and the events and batch id (Marten).
        var schema = store.Options.DatabaseSchemaName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
        if (await session.LoadAsync<CountedViewBatch>(batchId, cancellationToken) is { } counted)
        {
            EngagementMetrics.ViewBatches.Add(1, new KeyValuePair<string, object?>("outcome", "duplicate"));
            return new ViewBatchReceipt(batchId, counted.Hits, counted.Counted, AlreadyCounted: true);
        }

        // A deleted post takes no views. A post this service has not heard of yet is counted: the
        // gateway only sends hits of posts it served, and their publication is on its way here.
        var postIds = hits.Select(h => h.PostId).Distinct().ToArray();
        var deleted = (await session.LoadManyAsync<EngageablePost>(cancellationToken, postIds))
            .Where(p => p.Deleted).Select(p => p.Id).ToHashSet();
        var countable = hits.Where(h => !deleted.Contains(h.PostId)).ToList();

        var windowIds = countable.Select(h => ViewCounting.WindowId(h.PostId, h.Viewer)).ToHashSet();
        var known = await ViewerWindows.LastCountedAsync(connection, schema, windowIds, cancellationToken);
        var count = ViewCounting.Count(countable, known, window);

        var now = clock.GetUtcNow();
        var engagements = (await session.LoadManyAsync<PostEngagement>(cancellationToken, count.AddedByPost.Keys.ToArray())).ToDictionary(e => e.Id);
        foreach (var (postId, added) in count.AddedByPost)
        {
            if (engagements.TryGetValue(postId, out var current))
            {
                // The version after this append: a like or another batch appended since we read means a retry.
                session.Events.Append(postId, current.Version + 1, new ViewsCounted(postId, batchId, added, current.Views + added, now));
            }
            else
            {
                session.Events.StartStream<PostEngagement>(postId, new ViewsCounted(postId, batchId, added, added, now));
            }
        }
        await ViewerWindows.OpenAsync(connection, schema, count.OpenedWindows, known, cancellationToken);
        var total = count.AddedByPost.Values.Sum();
        session.Insert(new CountedViewBatch(batchId, now, hits.Count, total));
        await session.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        EngagementMetrics.ViewBatches.Add(1, new KeyValuePair<string, object?>("outcome", "counted"));
        EngagementMetrics.ViewBatchHits.Record(hits.Count);
        EngagementMetrics.ViewsCounted.Add(total);
        EngagementMetrics.HitsNotCounted.Add(count.NotCounted, new KeyValuePair<string, object?>("reason", "window"));
        EngagementMetrics.HitsNotCounted.Add(hits.Count - countable.Count, new KeyValuePair<string, object?>("reason", "deleted"));
        return new ViewBatchReceipt(batchId, hits.Count, total, AlreadyCounted: false);
    }

    /// <summary>Field errors of a batch, or null when it is fine. Names the first few bad hits by index.</summary>
    internal static Dictionary<string, string[]>? Validate(ViewBatch? batch, int maxHits, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (batch is null)
        {
            errors["batch"] = ["Send a JSON body {batchId, hits: [{postId, viewer, at}]}."];
            return errors;
        }
        if (batch.BatchId == Guid.Empty)
        {
            errors["batchId"] = ["A batch needs an id (a GUID) that stays the same when it is sent again."];
        }
        if (batch.Hits is null || batch.Hits.Count > maxHits)
        {
            errors["hits"] = [string.Create(CultureInfo.InvariantCulture, $"A batch carries a list of 0 to {maxHits} hits.")];
            return errors;
        }
        for (var i = 0; i < batch.Hits.Count && errors.Count < 10; i++)
        {
            var hit = batch.Hits[i];
            var problems = new List<string>();
            if (hit is null)
            {
                problems.Add("A hit is {postId, viewer, at}.");
            }
            else
            {
                if (hit.PostId == Guid.Empty)
                {
                    problems.Add("postId is a GUID.");
                }
                if (string.IsNullOrWhiteSpace(hit.Viewer) || hit.Viewer.Length > MaxViewerKeyLength)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"viewer is a key of 1 to {MaxViewerKeyLength} characters."));
                }
                if (hit.At == default || hit.At > now + AllowedClockSkew)
                {
                    problems.Add("at is the time the post was served, not in the future.");
                }
            }
            if (problems.Count > 0)
            {
                errors[string.Create(CultureInfo.InvariantCulture, $"hits[{i}]")] = [.. problems];
            }
        }
        return errors.Count > 0 ? errors : null;
    }
}
