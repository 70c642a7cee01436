using Forum.Contracts.Engagement;
using Forum.Contracts.Posts;
using Forum.Gateway.ReadModels.Boards;
using Forum.Gateway.ReadModels.Statistics;

namespace Forum.Gateway.Tests.ReadModels;

/// <summary>
/// A board keeps its newest edit and the slug and date its creation gave it; a post's engagement of a day
/// keeps the counts of the day's newest events. Fed every event twice and in any order, both
/// hold the same documents as in order.
/// </summary>
public sealed class Projecting_board_and_activity_events
{
    private static readonly DateTimeOffset T = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid First = Guid.NewGuid();
    private static readonly Guid Second = Guid.NewGuid();

    private static readonly Guid News = Guid.NewGuid();
    private static readonly Guid Korea = Guid.NewGuid();

    private static readonly object[] Boards =
    [
        new BoardCreated(News, 1, "tin-tuc", "Tin tức", "Tin trong ngày", T),
        new BoardCreated(Guid.NewGuid(), 1, "hoi-dap", "Hỏi đáp", "", T.AddMinutes(1)),
        new BoardCreated(Korea, 1, "han-quoc", "한국", "Chuyện Hàn Quốc 한국어", T.AddMinutes(2)),
        new BoardEdited(News, 2, "Tin tức mới", "Tin trong ngày", 5, T.AddDays(1)),
        new BoardEdited(News, 3, "Tin tức & Thời sự", "Mỗi ngày", 1, T.AddDays(2)),
        new BoardEdited(Korea, 2, "한국 소식", "", 0, T.AddDays(3)),
    ];

    private static readonly object[] Engagement =
    [
        new LikesChanged(First, 1, 1, T),
        new ViewsCounted(First, 2, 5, 5, T.AddMinutes(1)),
        new LikesChanged(First, 3, 0, T.AddDays(1)),
        new ViewsCounted(Second, 1, 2, 2, T.AddDays(1)),
        new LikesChanged(Second, 2, 1, T.AddDays(2)),
    ];

    /// <summary>The board list after the events, each applied to its board's document.</summary>
    private static Dictionary<Guid, BoardSummary> BoardList(IEnumerable<object> events)
    {
        var boards = new Dictionary<Guid, BoardSummary>();
        foreach (var e in events)
        {
            var id = BoardSummary.IdOf(e);
            boards[id] = BoardSummary.Apply(boards.GetValueOrDefault(id) ?? BoardSummary.Nothing(id), e);
        }
        return boards;
    }

    [Fact]
    public void Boards_and_their_edits_fed_twice_in_a_thousand_shuffled_orders_are_the_same_boards()
    {
        var expected = BoardList(Boards);
        var random = new Random(20261128);
        Assert.Equal(3, expected.Count);
        Assert.Equal(("tin-tuc", "Tin tức & Thời sự", "Mỗi ngày", 1), (expected[News].Slug, expected[News].Name, expected[News].Description, expected[News].Position));
        Assert.Equal(("han-quoc", "한국 소식", T.AddMinutes(2)), (expected[Korea].Slug, expected[Korea].Name, expected[Korea].CreatedAt));

        for (var round = 0; round < 1000; round++)
        {
            var shuffled = BoardList(Boards.Concat(Boards).OrderBy(_ => random.Next()));
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
