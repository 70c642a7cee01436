namespace Forum.Notifications.Notifying;

/// <summary>
/// An event arrived before the one it builds on (a comment before its post, a reply before the
/// comment it answers): the bus tries it again shortly, when the other one has been consumed.
/// </summary>
public sealed class NotYetKnownException(string message) : Exception(message);
