using Forum.EventSourcing.PersonalData;
namespace Forum.Posts.Posts.Hiding;

/// <summary>
/// A post was taken out of readers' sight pending review: reported by enough members, held for
/// approval, or hidden by a moderator. It is not deleted; a moderator shows it again or deletes it.
/// </summary>
public sealed record PostHidden(Guid PostId, PersonalText By, string Reason, DateTimeOffset At);

/// <summary>A moderator reviewed a hidden post (or approved a held one) and readers see it again.</summary>
public sealed record PostShown(Guid PostId, PersonalText By, DateTimeOffset At);
