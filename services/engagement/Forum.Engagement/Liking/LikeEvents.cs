using Forum.EventSourcing.PersonalData;
namespace Forum.Engagement.Liking;

/// <summary>A member liked a post; <see cref="Likes"/> is the post's like count after it.</summary>
/// <param name="UserName">The member's name, so their post's author can be told who (empty in events stored before it was kept).</param>
public sealed record PostLiked(Guid PostId, Guid UserId, long Likes, DateTimeOffset At, PersonalText UserName = default);

/// <summary>A member took back their like; <see cref="Likes"/> is the post's like count after it.</summary>
public sealed record PostUnliked(Guid PostId, Guid UserId, long Likes, DateTimeOffset At, PersonalText UserName = default);
