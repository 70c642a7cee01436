namespace Forum.Contracts.Engagement;

/// <summary>A member liked or unliked a post; carries the post's like count after the change.</summary>
/// <param name="PostId">The post's id (also its stream id in the engagement service).</param>
/// <param name="Version">
/// The version of the post's engagement stream after this change. Likes and views share the
/// stream, so a consumer keeps the highest version it applied to the like count.
/// </param>
/// <param name="Likes">How many members like the post now.</param>
/// <param name="At">When the like or unlike was recorded (UTC).</param>
/// <param name="MemberId">Who liked or unliked (added in contract version 2; empty from older publishers).</param>
/// <param name="Member">Their user name (version 2; empty from older publishers and for likes stored before names were kept).</param>
/// <param name="Liked">True for a like, false for taking one back (version 2; null from older publishers).</param>
public sealed record LikesChanged(
    Guid PostId, long Version, long Likes, DateTimeOffset At, Guid MemberId = default, string Member = "", bool? Liked = null);
