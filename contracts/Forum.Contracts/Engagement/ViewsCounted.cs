namespace Forum.Contracts.Engagement;

/// <summary>A batch of view hits added views to a post (one event per post per batch).</summary>
/// <param name="PostId">The post's id (also its stream id in the engagement service).</param>
/// <param name="Version">
/// The version of the post's engagement stream after this change; a consumer keeps the highest
/// it applied to the view count.
/// </param>
/// <param name="Added">Views this batch added (hits within a viewer's window are not views).</param>
/// <param name="Views">The post's total views after this batch.</param>
/// <param name="At">When the batch was counted (UTC).</param>
public sealed record ViewsCounted(Guid PostId, long Version, long Added, long Views, DateTimeOffset At);
