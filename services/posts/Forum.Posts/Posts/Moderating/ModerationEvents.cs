using Forum.EventSourcing.PersonalData;
namespace Forum.Posts.Posts.Moderating;

/// <summary>A moderator locked a post: it takes no more comments.</summary>
public sealed record PostLocked(Guid PostId, PersonalText By, DateTimeOffset At);

/// <summary>A moderator unlocked a post.</summary>
public sealed record PostUnlocked(Guid PostId, PersonalText By, DateTimeOffset At);

/// <summary>A moderator pinned a post to the top of its board.</summary>
public sealed record PostPinned(Guid PostId, PersonalText By, DateTimeOffset At);

/// <summary>A moderator unpinned a post.</summary>
public sealed record PostUnpinned(Guid PostId, PersonalText By, DateTimeOffset At);
