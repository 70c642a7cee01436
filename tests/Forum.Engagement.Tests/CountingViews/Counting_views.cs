using Forum.Engagement.CountingViews;

namespace Forum.Engagement.Tests.CountingViews;

/// <summary>The view rules: once per viewer per post per window, whatever order the hits come in.</summary>
public sealed class Counting_views
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(60);
    private static readonly DateTimeOffset T = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid PostA = Guid.NewGuid();
    private static readonly Guid PostB = Guid.NewGuid();

    private static ViewCount Count(IEnumerable<ViewHit> hits, IReadOnlyDictionary<Guid, DateTimeOffset>? known = null) =>
        ViewCounting.Count(hits, known ?? new Dictionary<Guid, DateTimeOffset>(), Window);

    [Fact]
    public void A_viewer_counts_once_per_post_within_the_window()
    {
        var count = Count(
        [
            new(PostA, "user:1", T), new(PostA, "user:1", T.AddMinutes(5)), new(PostA, "user:1", T.AddMinutes(59)),
            new(PostB, "user:1", T.AddMinutes(1)), new(PostA, "anon:x", T.AddMinutes(2)),
        ]);

        Assert.Equal(2, count.AddedByPost[PostA]);
        Assert.Equal(1, count.AddedByPost[PostB]);
        Assert.Equal(2, count.NotCounted);
        Assert.Equal(3, count.OpenedWindows.Count);
    }

    [Fact]
    public void Once_the_window_has_passed_the_viewer_counts_again()
    {
        var count = Count([new(PostA, "user:1", T), new(PostA, "user:1", T + Window), new(PostA, "user:1", T + Window + TimeSpan.FromMinutes(1))]);

        Assert.Equal(2, count.AddedByPost[PostA]);
        Assert.Equal(T + Window, Assert.Single(count.OpenedWindows).LastCountedAt);
    }

    [Fact]
    public void A_window_opened_by_an_earlier_batch_holds_and_expires()
    {
        var known = new Dictionary<Guid, DateTimeOffset> { [ViewCounting.WindowId(PostA, "user:1")] = T };

        Assert.Empty(Count([new(PostA, "user:1", T.AddMinutes(30))], known).AddedByPost);
        Assert.Equal(1, Count([new(PostA, "user:1", T.AddMinutes(61))], known).AddedByPost[PostA]);
        // A hit older than the last counted view belongs to a window already counted.
        Assert.Empty(Count([new(PostA, "user:1", T.AddMinutes(-90))], known).AddedByPost);
    }

    [Fact]
    public void The_order_hits_arrive_in_does_not_change_the_count()
    {
        var random = new Random(20261128);
        var hits = Enumerable.Range(0, 2_000)
            .Select(_ => new ViewHit(random.Next(2) == 0 ? PostA : PostB, $"anon:{random.Next(100)}", T.AddMinutes(random.Next(180))))
            .ToList();
        var expected = Count(hits).AddedByPost;

        for (var round = 0; round < 50; round++)
        {
            Assert.Equal(expected, Count(hits.OrderBy(_ => random.Next())).AddedByPost);
        }
    }

    [Fact]
    public void A_window_id_names_neither_the_viewer_nor_mixes_posts()
    {
        var id = ViewCounting.WindowId(PostA, "anon:abc");

        Assert.Equal(id, ViewCounting.WindowId(PostA, "anon:abc"));
        Assert.NotEqual(id, ViewCounting.WindowId(PostB, "anon:abc"));
        Assert.NotEqual(id, ViewCounting.WindowId(PostA, "anon:abd"));
    }

    [Fact]
    public void A_batch_without_id_with_too_many_hits_or_with_bad_hits_is_refused_naming_the_fields()
    {
        var now = T;
        Assert.NotNull(CountViewsEndpoint.Validate(null, 10, now));
        Assert.Contains("batchId", CountViewsEndpoint.Validate(new ViewBatch(Guid.Empty, []), 10, now)!.Keys);
        Assert.Contains("hits", CountViewsEndpoint.Validate(new ViewBatch(Guid.NewGuid(), null), 10, now)!.Keys);
        Assert.Contains("hits", CountViewsEndpoint.Validate(new ViewBatch(Guid.NewGuid(), Enumerable.Repeat(new ViewHit(PostA, "v", now), 11).ToList()), 10, now)!.Keys);

        var bad = CountViewsEndpoint.Validate(new ViewBatch(Guid.NewGuid(),
        [
            new(PostA, "v", now), new(Guid.Empty, "v", now), new(PostA, "", now), new(PostA, new string('x', 201), now),
            new(PostA, "v", default), new(PostA, "v", now.AddHours(1)), null!,
        ]), 10, now)!;
        Assert.Equal(["hits[1]", "hits[2]", "hits[3]", "hits[4]", "hits[5]", "hits[6]"], bad.Keys.Order());

        Assert.Null(CountViewsEndpoint.Validate(new ViewBatch(Guid.NewGuid(), [new(PostA, "v", now.AddMinutes(2))]), 10, now));
    }
}
