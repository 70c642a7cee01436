using Forum.EventSourcing.PersonalData;
namespace Forum.Comments.Comments.Deleting;

/// <summary>A comment was deleted. Its replies stay; it shows as deleted.</summary>
public sealed record CommentDeleted(Guid CommentId, Guid PostId, Guid DeletedById, PersonalText DeletedBy, DateTimeOffset DeletedAt);
