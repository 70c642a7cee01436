namespace Forum.Engagement.CountingViews;

/// <summary>
/// One batch of view hits added <see cref="Added"/> views to a post, bringing it to
/// <see cref="Views"/>. One event per post per batch; <see cref="BatchId"/> names the batch.
/// </summary>
public sealed record ViewsCounted(Guid PostId, Guid BatchId, long Added, long Views, DateTimeOffset At);
