using Forum.EventSourcing.PersonalData;
namespace Forum.Posts.Posts.Deleting;

/// <summary>A post was deleted. Its stream keeps its history; readers no longer see it.</summary>
public sealed record PostDeleted(Guid PostId, Guid DeletedById, PersonalText DeletedBy, DateTimeOffset DeletedAt);
