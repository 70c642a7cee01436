using Forum.Contracts.Posts;
using Forum.Gateway.ReadModels.Posts;

namespace Forum.Gateway.Tests.ReadModels;

/// <summary>
/// A post's events may reach the gateway twice and in any order; the post page must come out the
/// same as if each had arrived once, in order.
/// </summary>
public sealed class Projecting_post_events
{
    private static readonly Guid PostId = Guid.NewGuid();
    private static readonly DateTimeOffset T = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    private static readonly object[] History =
    [
        new PostPublished(PostId, 1, "tin-tuc", "Một", "một", "<p>một</p>", "minh", T, false, HiddenFor: "approval"),
        new PostEdited(PostId, 2, "Hai", "hai", "<p>hai</p>", true, "minh", T.AddMinutes(1)),
        new PostLockChanged(PostId, 3, true, T.AddMinutes(2)),
        new PostPinChanged(PostId, 4, true, T.AddMinutes(3)),
        new PostEdited(PostId, 5, "Ba", "ba", "<p>ba</p>", false, "điều_hành", T.AddMinutes(4)),
        new PostLockChanged(PostId, 6, false, T.AddMinutes(5)),
        new PostPinChanged(PostId, 7, false, T.AddMinutes(6)),
        new PostLockChanged(PostId, 8, true, T.AddMinutes(7)),
        new PostVisibilityChanged(PostId, 9, false, null, T.AddMinutes(8)),
        new PostVisibilityChanged(PostId, 10, true, "reports", T.AddMinutes(9)),
    ];

    private static PostSummary Project(IEnumerable<object> events) =>
        events.Aggregate(new PostSummary { Id = PostId }, PostSummaryRules.Apply);

    [Fact]
    public void In_order_the_post_ends_as_its_last_events_left_it()
    {
        var post = Project(History);

        Assert.Equal(("Ba", "<p>ba</p>", true, false, false, 10L), (post.Title, post.BodyHtml, post.Locked, post.Pinned, post.Deleted, post.Version));
        Assert.Equal((true, "reports", true), (post.Hidden, post.HiddenReason, post.Withdrawn));
        Assert.Equal(("tin-tuc", "minh", T), (post.Board, post.Author, post.PublishedAt));
    }

    [Fact]
    public void Every_event_twice_in_a_thousand_shuffled_orders_gives_the_same_post()
    {
        var expected = Project(History);
        var random = new Random(20261128);

        for (var round = 0; round < 1000; round++)
        {
            var deliveries = History.Concat(History).OrderBy(_ => random.Next()).ToList();
            Assert.Equal(expected, Project(deliveries));
        }
    }

    [Fact]
    public void A_post_held_for_approval_is_hidden_until_a_later_review_shows_it_whichever_arrives_first()
    {
        var held = History[0];
        var approved = new PostVisibilityChanged(PostId, 2, false, null, T.AddMinutes(1));

        Assert.Equal((true, "approval"), (Project([held]).Hidden, Project([held]).HiddenReason));
        Assert.False(Project([held, approved]).Withdrawn);
        Assert.False(Project([approved, held]).Withdrawn);
        Assert.Equal("Một", Project([approved, held]).Title);
    }

    [Fact]
    public void Deletion_is_final_whatever_arrives_after_it()
    {
        var events = History.Append(new PostDeleted(PostId, 11, T.AddMinutes(10))).ToList();
        var expected = Project(events);
        var random = new Random(7);

        Assert.True(expected.Deleted);
        for (var round = 0; round < 200; round++)
        {
            Assert.Equal(expected, Project(events.OrderBy(_ => random.Next())));
        }
    }

    [Fact]
    public void Tags_end_as_the_newest_change_of_them_left_them_whatever_the_order_and_an_edit_without_tags_keeps_them()
    {
        object[] history =
        [
            new PostPublished(PostId, 1, "tin-tuc", "Một", "một", "<p>một</p>", "minh", T, false, Tags: ["tin tức", "한국어"]),
            new PostEdited(PostId, 2, "Hai", "hai", "<p>hai</p>", false, "minh", T.AddMinutes(1), Tags: ["hỏi đáp"]),
            new PostTagsChanged(PostId, 3, ["hỏi đáp", "visa"], "điều_hành", T.AddMinutes(2)),
            new PostEdited(PostId, 4, "Ba", "ba", "<p>ba</p>", false, "minh", T.AddMinutes(3)),
            new PostLockChanged(PostId, 5, true, T.AddMinutes(4)),
        ];
        var expected = Project(history);
        Assert.Equal(["hỏi đáp", "visa"], expected.Tags);
        Assert.Equal(("Ba", 3L, T.AddMinutes(3)), (expected.Title, expected.TagsVersion, expected.EditedAt!.Value));
        Assert.Equal(["tin tức", "한국어"], Project(history.Take(1)).Tags);

        var random = new Random(20261208);
        for (var round = 0; round < 1000; round++)
        {
            var post = Project(history.Concat(history).OrderBy(_ => random.Next()));
            Assert.Equal(expected.Tags, post.Tags);
            Assert.Equal(expected with { Tags = post.Tags }, post);
        }
    }
}
