using Microsoft.Extensions.Caching.Memory;

namespace Forum.Gateway.PageViews;

/// <summary>
/// Counts a view where a post is served (the post API, and the post page): skips crawlers, keys
/// the viewer, and buffers the hit. Never waits for the engagement service or the broker.
/// </summary>
public sealed class ViewCounter(ViewHitBuffer buffer, ViewerKeys keys, TimeProvider clock, ILogger<ViewCounter> logger)
{
    /// <summary>How many recent (viewer, post) pairs a gateway remembers for <see cref="CountAndShow"/>: bounded, so memory is.</summary>
    public const int RecentViewsKept = 20_000;

    /// <summary>The engagement service counts a viewer once per post in this long (its default).</summary>
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(60);

    private readonly MemoryCache _recent = new(new MemoryCacheOptions { SizeLimit = RecentViewsKept });

    /// <summary>Records that <paramref name="postId"/> was served to this request's reader; false if it does not count.</summary>
    public bool Count(Guid postId, HttpContext context) => CountSafely(postId, context) is not null;

    /// <summary>
    /// Counts the view and gives the number of views the page served with it shows: the read
    /// model's, plus the reader's own view when it is new to this gateway within the hour, since
    /// the read model takes it a moment later. So the first view of a new post, its author's
    /// included, shows as 1 on the page it was counted on, every time, and a reload within the
    /// hour shows the same. (A reader whose earlier view went through another replica may see one
    /// more until the count arrives; the count itself is the engagement service's, exact.)
    /// </summary>
    public long CountAndShow(Guid postId, HttpContext context, long projectedViews)
    {
        if (CountSafely(postId, context) is not { } viewer)
        {
            return projectedViews;
        }
        var key = (postId, viewer);
        if (_recent.TryGetValue(key, out _))
        {
            return projectedViews;
        }
        _recent.Set(key, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Window });
        return projectedViews + 1;
    }

    private string? CountSafely(Guid postId, HttpContext context)
    {
        try
        {
            return CountOrThrow(postId, context);
        }
        catch (Exception e)
        {
            // A fault in counting must never cost the reader the post.
            ViewMetrics.Hits.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            logger.LogError(e, "Counting a view of post {PostId} failed", postId);
            return null;
        }
    }

    /// <summary>The viewer's key when the hit was buffered; null when it does not count.</summary>
    private string? CountOrThrow(Guid postId, HttpContext context)
    {
        var userAgent = context.Request.Headers.UserAgent.ToString();
        if (Crawlers.IsCrawler(userAgent))
        {
            ViewMetrics.Hits.Add(1, new KeyValuePair<string, object?>("outcome", "crawler"));
            return null;
        }
        var viewer = keys.For(context.User, context.Connection.RemoteIpAddress, userAgent);
        var buffered = buffer.TryAdd(new ViewHit(postId, viewer, clock.GetUtcNow()));
        ViewMetrics.Hits.Add(1, new KeyValuePair<string, object?>("outcome", buffered ? "buffered" : "dropped"));
        return buffered ? viewer : null;
    }
}
