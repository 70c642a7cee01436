using Forum.Contracts.Engagement;
using Marten;

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

    public static async Task ProjectAsync(IDocumentStore store, IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.Store(events.Select(From).ToArray());
        await session.SaveChangesAsync(cancellationToken);
    }
}
