using System.Security.Cryptography;
using System.Text;

namespace Forum.Engagement.CountingViews;

/// <summary>What one batch does: the views it adds per post, and the viewer windows it opens.</summary>
public sealed record ViewCount(IReadOnlyDictionary<Guid, long> AddedByPost, IReadOnlyList<ViewerWindow> OpenedWindows, int NotCounted);

/// <summary>
/// The view rules, as pure functions: a hit counts if its viewer has not been counted on that
/// post within the window before it. Hits are taken in time order, so the order they arrive in
/// does not matter; a hit older than the viewer's last counted view never counts (it belongs to
/// a window already counted, or one too old to tell).
/// </summary>
public static class ViewCounting
{
    /// <summary>The viewer window's document id: a one-way hash of post and viewer key.</summary>
    public static Guid WindowId(Guid postId, string viewer)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{postId:N}\n{viewer}"), hash);
        return new Guid(hash[..16]);
    }

    /// <param name="hits">The batch's hits on posts that take views.</param>
    /// <param name="lastCounted">When each known window (by id) last counted its viewer.</param>
    /// <param name="window">At most one view per viewer per post within this time.</param>
    public static ViewCount Count(IEnumerable<ViewHit> hits, IReadOnlyDictionary<Guid, DateTimeOffset> lastCounted, TimeSpan window)
    {
        var added = new Dictionary<Guid, long>();
        var opened = new Dictionary<Guid, ViewerWindow>();
        var notCounted = 0;
        foreach (var hit in hits.OrderBy(h => h.At))
        {
            var id = WindowId(hit.PostId, hit.Viewer);
            DateTimeOffset? last = opened.TryGetValue(id, out var open) ? open.LastCountedAt
                : lastCounted.TryGetValue(id, out var stored) ? stored : null;
            if (last is { } previous && hit.At - previous < window)
            {
                notCounted++;
                continue;
            }
            opened[id] = new ViewerWindow(id, hit.PostId, hit.At);
            added[hit.PostId] = added.GetValueOrDefault(hit.PostId) + 1;
        }
        return new ViewCount(added, opened.Values.ToList(), notCounted);
    }
}
