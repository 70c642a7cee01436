namespace Forum.Gateway.Web.Notifications;

/// <summary>
/// What a post's or a board's watch button shows: "Unwatch" when the member watches it, else
/// "Watch" (also when the notifications service could not say), and why a change failed.
/// </summary>
public sealed record WatchButton(bool Watching, string? Error = null);
