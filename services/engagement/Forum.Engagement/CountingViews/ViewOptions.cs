namespace Forum.Engagement.CountingViews;

/// <summary><c>Forum:Views</c>: how views are counted.</summary>
public sealed class ViewOptions
{
    public const string Section = "Forum:Views";

    /// <summary>A viewer adds at most one view to a post per window.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>The most hits one batch may carry.</summary>
    public int MaxHitsPerBatch { get; set; } = 10_000;

    /// <summary>How often expired viewer windows and old batch ids are removed.</summary>
    public TimeSpan HousekeepingInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a viewer's window is kept after it expired, for hits that arrive late (a gateway
    /// retrying through an outage). A hit later than this may count its viewer once more.
    /// </summary>
    public TimeSpan LateHitAllowance { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a counted batch's id is remembered, so a redelivery is recognised.</summary>
    public TimeSpan BatchIdRetention { get; set; } = TimeSpan.FromDays(7);
}
