using Forum.EventSourcing.PersonalData;
namespace Forum.Comments.Comments.Hiding;

/// <summary>A comment was taken out of readers' sight pending review (reported by enough members, or by a moderator); not deleted.</summary>
public sealed record CommentHidden(Guid CommentId, Guid PostId, PersonalText By, string Reason, DateTimeOffset At);

/// <summary>A moderator reviewed a hidden comment and readers see it again.</summary>
public sealed record CommentShown(Guid CommentId, Guid PostId, PersonalText By, DateTimeOffset At);
