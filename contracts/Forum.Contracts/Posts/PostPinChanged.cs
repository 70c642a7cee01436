namespace Forum.Contracts.Posts;

/// <summary>A moderator pinned or unpinned a post; pinned posts head their board's listing.</summary>
/// <param name="Version">The stream version of this change; a consumer keeps the highest.</param>
/// <param name="By">The moderator, for the moderation log. Null in events published before it was carried.</param>
public sealed record PostPinChanged(Guid PostId, long Version, bool Pinned, DateTimeOffset At, string? By = null);
