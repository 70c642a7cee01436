namespace Forum.Contracts.Posts;

/// <summary>
/// A post was hidden from readers pending review (reported by enough members, held for approval,
/// or by a moderator), or shown again after review. A hidden post is not deleted.
/// </summary>
/// <param name="Version">The stream version of this change; a consumer keeps the highest.</param>
/// <param name="Reason">Why it is hidden: <c>reports</c>, <c>approval</c> or <c>moderator</c>; null when shown.</param>
/// <param name="By">Who hid or showed it (a moderator, or the gateway for members' reports), for the moderation log. Null in events published before it was carried.</param>
public sealed record PostVisibilityChanged(Guid PostId, long Version, bool Hidden, string? Reason, DateTimeOffset At, string? By = null);
