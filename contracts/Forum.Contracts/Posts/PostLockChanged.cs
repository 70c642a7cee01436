namespace Forum.Contracts.Posts;

/// <summary>A moderator locked or unlocked a post; a locked post takes no comments.</summary>
/// <param name="Version">The stream version of this change; a consumer keeps the highest.</param>
/// <param name="By">The moderator, for the moderation log. Null in events published before it was carried.</param>
public sealed record PostLockChanged(Guid PostId, long Version, bool Locked, DateTimeOffset At, string? By = null);
