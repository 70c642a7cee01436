using Forum.Contracts.Engagement;
using Marten;
using Weasel.Core;

namespace Forum.Gateway.ReadModels.Statistics;

/// <summary>
/// One engagement event as daily statistics need it: when it happened, the views it added, or
/// the like count it left. Keyed by the post's engagement stream and version, so it is a set:
/// a redelivered event stores the same document again. Likes per day are the day's net change
/// of each post's count (a like minus an unlike), which needs the count before, hence the count
/// rather than a delta.
/// </summary>
public sealed record EngagementActivity
{
    public const string ViewsKind = "views";
    public const string LikesKind = "likes";

    public string Id { get; init; } = "";
    public Guid PostId { get; init; }
    public long Version { get; init; }
    public string Kind { get; init; } = "";
    public DateTimeOffset At { get; init; }
    public long ViewsAdded { get; init; }
    public long Likes { get; init; }

    public static bool Handles(object message) => message is LikesChanged or ViewsCounted;

    public static EngagementActivity From(object message) => message switch
    {
        ViewsCounted e => new EngagementActivity { Id = $"{e.PostId:N}-{e.Version}", PostId = e.PostId, Version = e.Version, Kind = ViewsKind, At = e.At, ViewsAdded = e.Added },
        LikesChanged e => new EngagementActivity { Id = $"{e.PostId:N}-{e.Version}", PostId = e.PostId, Version = e.Version, Kind = LikesKind, At = e.At, Likes = e.Likes },
        _ => throw new ArgumentException($"{message.GetType().Name} is not an engagement event.", nameof(message)),
    };

    /// <summary>From this many documents on (a rebuild's page; live batches are smaller), they are copied in.</summary>
    private const int CopyFrom = 1_000;

    public static async Task ProjectAsync(IDocumentStore store, IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        var activity = events.Select(From).DistinctBy(a => a.Id).ToArray();
        if (activity.Length >= CopyFrom)
        {
            // One COPY instead of an upsert statement per document: a rebuild writes one of these
            // per view and like event, most of its writes. A document already there (the same
            // event, written live during the rebuild) is the same one, so it is left as it is.
            await store.BulkInsertAsync(activity, BulkInsertMode.IgnoreDuplicates, 1_000, cancellationToken);
            return;
        }
        await using var session = store.LightweightSession();
        session.Store(activity);
        await session.SaveChangesAsync(cancellationToken);
    }
}
