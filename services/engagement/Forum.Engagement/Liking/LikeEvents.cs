namespace Forum.Engagement.Liking;

/// <summary>A member liked a post; <see cref="Likes"/> is the post's like count after it.</summary>
public sealed record PostLiked(Guid PostId, Guid UserId, long Likes, DateTimeOffset At);

/// <summary>A member took back their like; <see cref="Likes"/> is the post's like count after it.</summary>
public sealed record PostUnliked(Guid PostId, Guid UserId, long Likes, DateTimeOffset At);
