using Forum.Contracts.Engagement;
using Forum.Contracts.Posts;
using Forum.Gateway.ReadModels.Posts;

namespace Forum.Gateway.Tests.ReadModels;

/// <summary>
/// Likes and views reach the gateway twice and in any order, mixed with the post's own events;
/// the counts shown must be those of the newest engagement event, never a sum of deliveries.
/// </summary>
public sealed class Projecting_engagement_events
{
    private static readonly Guid PostId = Guid.NewGuid();
    private static readonly DateTimeOffset T = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    private static readonly object[] History =
    [
        new PostPublished(PostId, 1, "tin-tuc", "Một", "một", "<p>một</p>", "minh", T, false),
        new LikesChanged(PostId, 1, 1, T.AddMinutes(1)),
        new ViewsCounted(PostId, 2, 7, 7, T.AddMinutes(2)),
        new LikesChanged(PostId, 3, 2, T.AddMinutes(3)),
        new PostEdited(PostId, 2, "Hai", "hai", "<p>hai</p>", false, "minh", T.AddMinutes(4)),
        new ViewsCounted(PostId, 4, 5, 12, T.AddMinutes(5)),
        new LikesChanged(PostId, 5, 1, T.AddMinutes(6)),
        new ViewsCounted(PostId, 6, 1, 13, T.AddMinutes(7)),
        new PostPinChanged(PostId, 3, true, T.AddMinutes(8)),
    ];

    private static PostSummary Apply(PostSummary post, object message) =>
        PostEngagementRules.Apply(PostSummaryRules.Apply(post, message), message);

    private static PostSummary Project(IEnumerable<object> events) => events.Aggregate(new PostSummary { Id = PostId }, Apply);

    [Fact]
    public void In_order_the_counts_are_those_of_the_last_likes_and_views_events()
    {
        var post = Project(History);

        Assert.Equal((1L, 13L, 5L, 6L), (post.Likes, post.Views, post.LikesVersion, post.ViewsVersion));
        Assert.Equal(("Hai", true, 3L), (post.Title, post.Pinned, post.Version));
    }

    [Fact]
    public void Every_event_twice_in_a_thousand_shuffled_orders_gives_the_same_counts()
    {
        var expected = Project(History);
        var random = new Random(20261128);

        for (var round = 0; round < 1000; round++)
        {
            Assert.Equal(expected, Project(History.Concat(History).OrderBy(_ => random.Next())));
        }
    }

    [Fact]
    public void Engagement_versions_never_move_the_post_s_own_version()
    {
        var post = Project([History[0], new LikesChanged(PostId, 40, 9, T), new ViewsCounted(PostId, 41, 9, 9, T)]);

        Assert.Equal((1L, 9L, 9L), (post.Version, post.Likes, post.Views));
    }

    [Fact]
    public void Counts_that_arrive_before_the_post_wait_in_an_unpublished_summary()
    {
        var early = Project([new LikesChanged(PostId, 2, 3, T)]);
        Assert.Equal((0L, 3L), (early.ContentVersion, early.Likes));

        var published = Apply(early, History[0]);
        Assert.Equal(("Một", 3L), (published.Title, published.Likes));
    }
}
