using Forum.Contracts.Engagement;
using Forum.Gateway.ReadModels.Posts;
using Forum.Gateway.ReadModels.Rebuilding;
using Forum.Gateway.ReadModels.Statistics;

namespace Forum.Gateway.Tests.ReadModels;

/// <summary>
/// A rebuild holds like and view events back and applies only the newest of each post, day and
/// kind: the posts' counts and the days' engagement come out as if every event had been applied.
/// </summary>
public sealed class Holding_count_events_in_a_rebuild
{
    private static readonly DateTimeOffset T = new(2026, 11, 26, 20, 0, 0, TimeSpan.Zero);

    /// <summary>Ten posts' engagement streams over about four days, likes and views mixed, in one global order, some delivered twice.</summary>
    private static List<object> History()
    {
        var random = new Random(20261129);
        var streams = Enumerable.Range(0, 10).Select(_ => (Id: Guid.NewGuid(), Version: 0L, Likes: 0L, Views: 0L)).ToArray();
        var history = new List<object>();
        for (var minute = 0; minute < 4 * 24 * 60; minute += 3)
        {
            var i = random.Next(streams.Length);
            var s = streams[i];
            var at = T.AddMinutes(minute);
            object e;
            if (random.Next(3) == 0)
            {
                s.Likes = Math.Max(0, s.Likes + random.Next(-1, 2));
                e = new LikesChanged(s.Id, s.Version + 1, s.Likes, at);
            }
            else
            {
                var added = random.Next(1, 9);
                s.Views += added;
                e = new ViewsCounted(s.Id, s.Version + 1, added, s.Views, at);
            }
            s.Version++;
            streams[i] = s;
            history.Add(e);
            if (random.Next(10) == 0)
            {
                history.Add(e);
            }
        }
        return history;
    }

    private static (Dictionary<Guid, PostSummary> Posts, Dictionary<(Guid, DateOnly), DailyEngagement> Days) Apply(IEnumerable<object> events)
    {
        var posts = new Dictionary<Guid, PostSummary>();
        var days = new Dictionary<(Guid, DateOnly), DailyEngagement>();
        foreach (var e in events)
        {
            var key = DailyEngagement.DayOf(e);
            posts[key.PostId] = PostEngagementRules.Apply(posts.GetValueOrDefault(key.PostId) ?? new PostSummary { Id = key.PostId }, e);
            days[key] = DailyEngagement.Apply(days.GetValueOrDefault(key) ?? new DailyEngagement { PostId = key.PostId, Day = key.Day }, e);
        }
        return (posts, days);
    }

    [Fact]
    public void Only_the_newest_event_of_each_post_day_and_kind_is_applied_and_the_counts_are_the_same()
    {
        var history = History();
        var expected = Apply(history);

        var counts = new NewestCounts();
        Assert.All(history, e => Assert.True(counts.TryHold(e)));
        var distinct = history.Select(e => (DailyEngagement.DayOf(e), e.GetType())).Distinct().Count();
        Assert.Equal(distinct, counts.Count);
        var pages = counts.Release(pageSize: 17).ToList();
        var held = Apply(pages.SelectMany(page => page));

        Assert.True(history.Count > 3 * distinct, $"{history.Count} events over {distinct} posts, days and kinds");
        Assert.All(pages, page => Assert.InRange(page.Count, 1, 17));
        Assert.Equal(0, counts.Count);
        Assert.Equal(expected.Posts.OrderBy(p => p.Key), held.Posts.OrderBy(p => p.Key));
        Assert.Equal(expected.Days.OrderBy(d => d.Key), held.Days.OrderBy(d => d.Key));
        Assert.Equal(5, expected.Days.Keys.Select(k => k.Item2).Distinct().Count());
    }

    [Fact]
    public void Each_member_s_newest_like_or_unlike_of_a_post_is_held_so_the_rebuilt_likes_say_who_likes_what()
    {
        var random = new Random(20261207);
        var post = Guid.NewGuid();
        var members = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToArray();
        var liking = new HashSet<Guid>();
        var history = new List<LikesChanged>();
        for (var version = 1; version <= 60; version++)
        {
            // Many changes on one post on one day, by several members, each liking and taking it back.
            var member = members[random.Next(members.Length)];
            var liked = liking.Add(member) || !liking.Remove(member);
            history.Add(new LikesChanged(post, version, liking.Count, T.AddMinutes(version), member, "", liked));
        }
        static Dictionary<string, MemberLike> Likes(IEnumerable<object> events) => events.OfType<LikesChanged>().Where(MemberLike.Names)
            .GroupBy(e => MemberLike.IdOf(e.PostId, e.MemberId))
            .ToDictionary(g => g.Key, g => g.Aggregate(new MemberLike { Id = g.Key }, (like, e) => MemberLike.Apply(like, e)));

        var counts = new NewestCounts();
        Assert.All(history, e => Assert.True(counts.TryHold(e)));
        var held = counts.Release(pageSize: 100).SelectMany(page => page).ToList();

        Assert.Equal(members.Length, held.Count);
        Assert.Equal(Likes(history).OrderBy(l => l.Key), Likes(held).OrderBy(l => l.Key));
        Assert.Equal(liking.OrderBy(m => m), Likes(held).Values.Where(l => l.Liked).Select(l => l.MemberId).OrderBy(m => m));
        Assert.Equal(liking.Count, Apply(held).Posts[post].Likes);
    }

    [Fact]
    public void Other_events_are_not_held()
    {
        var counts = new NewestCounts();
        Assert.False(counts.TryHold(new Forum.Contracts.Posts.BoardCreated(Guid.NewGuid(), 1, "tin-tuc", "Tin tức", "Tin trong ngày", T)));
        Assert.Equal(0, counts.Count);
    }
}
