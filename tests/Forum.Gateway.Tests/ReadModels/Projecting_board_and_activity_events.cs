using Forum.Contracts.Engagement;
using Forum.Contracts.Posts;
using Forum.Gateway.ReadModels.Boards;
using Forum.Gateway.ReadModels.Statistics;

namespace Forum.Gateway.Tests.ReadModels;

/// <summary>
/// Boards are a set of documents keyed by their id, stored whole; a post's engagement of a day
/// keeps the counts of the day's newest events. Fed every event twice and in any order, both
/// hold the same documents as in order.
/// </summary>
public sealed class Projecting_board_and_activity_events
{
    private static readonly DateTimeOffset T = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid First = Guid.NewGuid();
    private static readonly Guid Second = Guid.NewGuid();

    private static readonly BoardCreated[] Boards =
    [
        new(Guid.NewGuid(), 1, "tin-tuc", "Tin tức", "Tin trong ngày", T),
        new(Guid.NewGuid(), 1, "hoi-dap", "Hỏi đáp", "", T.AddMinutes(1)),
        new(Guid.NewGuid(), 1, "han-quoc", "한국", "Chuyện Hàn Quốc 한국어", T.AddMinutes(2)),
    ];

    private static readonly object[] Engagement =
    [
        new LikesChanged(First, 1, 1, T),
        new ViewsCounted(First, 2, 5, 5, T.AddMinutes(1)),
        new LikesChanged(First, 3, 0, T.AddDays(1)),
        new ViewsCounted(Second, 1, 2, 2, T.AddDays(1)),
        new LikesChanged(Second, 2, 1, T.AddDays(2)),
    ];

    /// <summary>What the store holds after the events, each stored over any earlier one with its id.</summary>
    private static Dictionary<TKey, TDocument> Stored<TEvent, TKey, TDocument>(IEnumerable<TEvent> events, Func<TEvent, TDocument> from, Func<TDocument, TKey> id)
        where TKey : notnull
    {
        var stored = new Dictionary<TKey, TDocument>();
        foreach (var e in events)
        {
            var document = from(e);
            stored[id(document)] = document;
        }
        return stored;
    }

    [Fact]
    public void Boards_fed_twice_in_a_thousand_shuffled_orders_are_the_same_boards()
    {
        var expected = Stored(Boards, BoardSummary.From, b => b.Id);
        var random = new Random(20261128);
        Assert.Equal(3, expected.Count);
        Assert.Equal("한국", expected[Boards[2].BoardId].Name);

        for (var round = 0; round < 1000; round++)
        {
            var shuffled = Stored(Boards.Concat(Boards).OrderBy(_ => random.Next()), BoardSummary.From, b => b.Id);
            Assert.Equal(expected.OrderBy(b => b.Key), shuffled.OrderBy(b => b.Key));
        }
    }

    /// <summary>What the days hold after the events, each applied to its post's day.</summary>
    private static Dictionary<(Guid, DateOnly), DailyEngagement> Days(IEnumerable<object> events)
    {
        var days = new Dictionary<(Guid, DateOnly), DailyEngagement>();
        foreach (var e in events)
        {
            var key = DailyEngagement.DayOf(e);
            days[key] = DailyEngagement.Apply(days.GetValueOrDefault(key) ?? new DailyEngagement { PostId = key.PostId, Day = key.Day }, e);
        }
        return days;
    }

    [Fact]
    public void A_posts_engagement_of_a_day_fed_twice_in_a_thousand_shuffled_orders_is_the_same()
    {
        var expected = Days(Engagement);
        var random = new Random(20261129);
        Assert.Equal(4, expected.Count);
        // The first post ends its first day with one like and five views, its second with no like.
        Assert.Equal((1, 5), (expected[(First, DateOnly.FromDateTime(T.UtcDateTime))].Likes, expected[(First, DateOnly.FromDateTime(T.UtcDateTime))].Views));
        Assert.Equal(0, expected[(First, DateOnly.FromDateTime(T.AddDays(1).UtcDateTime))].Likes);

        for (var round = 0; round < 1000; round++)
        {
            var shuffled = Days(Engagement.Concat(Engagement).OrderBy(_ => random.Next()));
            Assert.Equal(expected.OrderBy(d => d.Key), shuffled.OrderBy(d => d.Key));
        }
    }
}
