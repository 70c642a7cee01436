namespace Forum.Engagement.CountingViews;

/// <summary>
/// When a viewer was last counted on a post. The id is derived from the post and the viewer key
/// by a one-way hash, so the row names neither the viewer nor their address (<see cref="ViewerWindows"/>).
/// </summary>
public sealed record ViewerWindow(Guid Id, Guid PostId, DateTimeOffset LastCountedAt);

/// <summary>A batch that was counted, stored in the transaction that counted it, so a redelivery changes nothing.</summary>
public sealed record CountedViewBatch(Guid Id, DateTimeOffset CountedAt, int Hits, long Counted);
