namespace Forum.Gateway.PageViews;

/// <summary>One time a post was served to a viewer (by key, never by address), and when.</summary>
public sealed record ViewHit(Guid PostId, string Viewer, DateTimeOffset At);

/// <summary>What the gateway sends the engagement service: hits under an id that stays the same on every retry.</summary>
public sealed record ViewBatch(Guid BatchId, IReadOnlyList<ViewHit> Hits);
