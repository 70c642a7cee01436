using Forum.Contracts.Engagement;
using Forum.Contracts.Posts;
using Forum.Gateway.ReadModels.Boards;
using Forum.Gateway.ReadModels.Statistics;

namespace Forum.Gateway.Tests.ReadModels;

/// <summary>
/// Boards and the daily statistics' activity are sets of documents keyed by what they record (a
/// board by its id, an engagement event by its post and version), stored whole: fed every event
/// twice and in any order, they hold the same documents as in order.
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

    [Fact]
    public void Engagement_activity_fed_twice_in_a_thousand_shuffled_orders_is_the_same_activity()
    {
        var expected = Stored(Engagement, EngagementActivity.From, a => a.Id);
        var random = new Random(20261129);
        Assert.Equal(5, expected.Count);
        Assert.Equal(7, expected.Values.Sum(a => a.ViewsAdded));

        for (var round = 0; round < 1000; round++)
        {
            var shuffled = Stored(Engagement.Concat(Engagement).OrderBy(_ => random.Next()), EngagementActivity.From, a => a.Id);
            Assert.Equal(expected.OrderBy(a => a.Key), shuffled.OrderBy(a => a.Key));
        }
    }
}
