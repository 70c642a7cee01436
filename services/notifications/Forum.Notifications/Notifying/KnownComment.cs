namespace Forum.Notifications.Notifying;

/// <summary>
/// Who wrote a comment, so that a reply to it tells them; and whether it was deleted, so that a
/// deletion consumed before the comment itself still keeps it from notifying anyone.
/// </summary>
public sealed record KnownComment(Guid Id, Guid PostId, Guid AuthorId, string Author, bool Deleted = false);
