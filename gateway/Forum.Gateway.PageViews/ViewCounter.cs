namespace Forum.Gateway.PageViews;

/// <summary>
/// Counts a view where a post is served (the post API, and the post page): skips crawlers, keys
/// the viewer, and buffers the hit. Never waits for the engagement service or the broker.
/// </summary>
public sealed class ViewCounter(ViewHitBuffer buffer, ViewerKeys keys, TimeProvider clock, ILogger<ViewCounter> logger)
{
    /// <summary>Records that <paramref name="postId"/> was served to this request's reader; false if it does not count.</summary>
    public bool Count(Guid postId, HttpContext context)
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
            return false;
        }
    }

    private bool CountOrThrow(Guid postId, HttpContext context)
    {
        var userAgent = context.Request.Headers.UserAgent.ToString();
        if (Crawlers.IsCrawler(userAgent))
        {
            ViewMetrics.Hits.Add(1, new KeyValuePair<string, object?>("outcome", "crawler"));
            return false;
        }
        var viewer = keys.For(context.User, context.Connection.RemoteIpAddress, userAgent);
        var buffered = buffer.TryAdd(new ViewHit(postId, viewer, clock.GetUtcNow()));
        ViewMetrics.Hits.Add(1, new KeyValuePair<string, object?>("outcome", buffered ? "buffered" : "dropped"));
        return buffered;
    }
}
