namespace Forum.Gateway.PageViews;

/// <summary>
/// <c>Forum:Views</c> at the gateway: how view hits are keyed, buffered and sent. (The window, at
/// most one view per viewer per post, is the engagement service's setting of the same name.)
/// </summary>
public sealed class ViewCountingOptions
{
    public const string Section = "Forum:Views";

    /// <summary>
    /// The secret the daily salt of anonymous viewer keys is derived from. Every gateway replica
    /// needs the same one, or one anonymous reader counts once per replica. When absent, each
    /// process makes a random one at start.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Hits are sent at least this often while any are buffered.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A batch holds at most this many hits, and is sent as soon as it is full. As many as the
    /// engagement service takes in one batch: it appends one event per post per batch, so under a
    /// burst a larger batch means fewer events to store, forward and project.
    /// </summary>
    public int MaxBatchSize { get; set; } = 10_000;

    /// <summary>Hits buffered beyond this (the engagement service away for long) are refused and counted as dropped.</summary>
    public int MaxBufferedHits { get; set; } = 200_000;

    /// <summary>The longest pause between two tries of a batch that was not acknowledged.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Where the engagement service is; resolved by service discovery (<c>services:engagement:http:0</c>).</summary>
    public Uri Engagement { get; set; } = new("http://engagement");
}
