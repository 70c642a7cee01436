using Forum.Contracts.Engagement;
using Forum.Gateway.ReadModels.Statistics;

namespace Forum.Gateway.ReadModels.Rebuilding;

/// <summary>
/// Holds a rebuild's like and view events back and keeps, of each post's events of one kind on
/// one UTC day, only the newest. Those events carry the count after them, and every read model
/// takes a post's counts, and a day's, from the newest event that reached it
/// (<see cref="Posts.PostEngagementRules"/>, <see cref="DailyEngagement"/>): the older ones
/// change nothing that the newest does not set anyway. A history is mostly view events, each
/// one a write of its post's documents when applied page by page; held, a post is written once
/// a day of its history. Likes are held per member as well, so each member's newest like or
/// unlike of a post reaches <see cref="Posts.MemberLike"/>. A read model that needed every such
/// event would have to be left out.
/// </summary>
public sealed class NewestCounts
{
    private readonly Dictionary<(Guid PostId, DateOnly Day, bool Views, Guid MemberId), object> _newest = [];

    public int Count => _newest.Count;

    /// <summary>Holds the event if it is a count event, in place of an older one of its post, day and kind; false if it is not one.</summary>
    public bool TryHold(object message)
    {
        if (!DailyEngagement.Handles(message))
        {
            return false;
        }
        var (postId, day) = DailyEngagement.DayOf(message);
        var key = (postId, day, message is ViewsCounted, message is LikesChanged like ? like.MemberId : Guid.Empty);
        if (!_newest.TryGetValue(key, out var held) || VersionOf(held) < VersionOf(message))
        {
            _newest[key] = message;
        }
        return true;
    }

    /// <summary>The events held, in pages of at most <paramref name="pageSize"/>; holds none after.</summary>
    public IEnumerable<List<object>> Release(int pageSize)
    {
        var events = _newest.Values.ToList();
        _newest.Clear();
        return events.Chunk(pageSize).Select(page => page.ToList());
    }

    private static long VersionOf(object message) => message switch
    {
        ViewsCounted e => e.Version,
        LikesChanged e => e.Version,
        _ => throw new ArgumentException($"{message.GetType().Name} is not a count event.", nameof(message)),
    };
}
