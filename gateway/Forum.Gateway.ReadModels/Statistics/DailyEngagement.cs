using System.Globalization;
using Forum.Contracts.Engagement;
using Marten;

namespace Forum.Gateway.ReadModels.Statistics;

/// <summary>
/// One post's likes and views on one UTC day, as daily statistics need them: the counts the post
/// had at the end of that day, each taken from the day's newest event (the highest stream
/// version, so duplicates and late arrivals change nothing). A day's views or likes are each
/// post's count at the end of the day less its count at the end of its previous active day.
/// One row per post and day, not one per event: a busy post's view batches come every second.
/// </summary>
public sealed record DailyEngagement
{
    public string Id { get; init; } = "";
    public Guid PostId { get; init; }
    public DateOnly Day { get; init; }
    public long Views { get; init; }
    public long ViewsVersion { get; init; }
    public long Likes { get; init; }
    public long LikesVersion { get; init; }

    public static bool Handles(object message) => message is LikesChanged or ViewsCounted;

    /// <summary>The post and UTC day an engagement event is counted on.</summary>
    public static (Guid PostId, DateOnly Day) DayOf(object message) => message switch
    {
        ViewsCounted e => (e.PostId, DateOnly.FromDateTime(e.At.UtcDateTime)),
        LikesChanged e => (e.PostId, DateOnly.FromDateTime(e.At.UtcDateTime)),
        _ => throw new ArgumentException($"{message.GetType().Name} is not an engagement event.", nameof(message)),
    };

    public static DailyEngagement Apply(DailyEngagement day, object message) => message switch
    {
        ViewsCounted e when e.Version > day.ViewsVersion => day with { Views = e.Views, ViewsVersion = e.Version },
        LikesChanged e when e.Version > day.LikesVersion => day with { Likes = e.Likes, LikesVersion = e.Version },
        _ => day,
    };

    /// <remarks>The post's counts are what the engagement events are counted by; these rows follow silently.</remarks>
    public static Task ProjectAsync(IDocumentStore store, IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        var days = new Dictionary<string, (Guid PostId, DateOnly Day)>();
        var keyed = new List<(string Id, object Event)>(events.Count);
        foreach (var e in events)
        {
            var day = DayOf(e);
            var id = IdOf(day);
            days[id] = day;
            keyed.Add((id, e));
        }
        return ProjectionBatches.ApplyAsync(store, keyed, id => new DailyEngagement { Id = id, PostId = days[id].PostId, Day = days[id].Day },
            Apply, day => day.Id, cancellationToken, counted: false);
    }

    private static string IdOf((Guid PostId, DateOnly Day) key) => $"{key.PostId:N}-{key.Day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
}
