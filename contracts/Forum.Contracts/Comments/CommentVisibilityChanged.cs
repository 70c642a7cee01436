namespace Forum.Contracts.Comments;

/// <summary>
/// A comment was hidden from readers pending review (reported by enough members, or by a
/// moderator), or shown again after review. A hidden comment is not deleted and still counts.
/// </summary>
/// <param name="Version">The stream version of this change; a consumer keeps the highest.</param>
/// <param name="Reason">Why it is hidden: <c>reports</c> or <c>moderator</c>; null when shown.</param>
/// <param name="By">Who hid or showed it (a moderator, or the gateway for members' reports), for the moderation log. Null in events published before it was carried.</param>
public sealed record CommentVisibilityChanged(Guid CommentId, Guid PostId, long Version, bool Hidden, string? Reason, DateTimeOffset At, string? By = null);
