namespace Forum.Notifications.Watching;

/// <summary>A board, known from its <c>BoardCreated</c> event, so that only boards that exist can be watched.</summary>
public sealed record KnownBoard(string Id, string Name);
