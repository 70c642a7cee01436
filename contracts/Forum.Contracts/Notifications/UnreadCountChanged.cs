namespace Forum.Contracts.Notifications;

/// <summary>
/// A member's count of unread notifications changed: a notification came, was withdrawn, or was
/// read. Published by the notifications service after the change is saved, for the gateway's open
/// pages to update their bell; a page that misses one has the right count on its next load.
/// </summary>
/// <param name="RecipientId">The member's account id.</param>
/// <param name="Unread">How many of their notifications are unread now.</param>
/// <param name="At">When the count was taken (UTC); of two counts for one member, the later is right.</param>
public sealed record UnreadCountChanged(Guid RecipientId, long Unread, DateTimeOffset At);
