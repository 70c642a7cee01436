namespace Forum.Engagement.CountingViews;

/// <summary>
/// One time a post was served. <see cref="Viewer"/> is the gateway's viewer key: a user id, or a
/// salted hash of address and user agent; never an address.
/// </summary>
public sealed record ViewHit(Guid PostId, string Viewer, DateTimeOffset At);

/// <summary>The body of <c>POST /internal/view-batches</c>: hits the gateway buffered, under an id it keeps until acknowledged.</summary>
public sealed record ViewBatch(Guid BatchId, IReadOnlyList<ViewHit>? Hits);

/// <summary>The acknowledgement of a batch; <see cref="AlreadyCounted"/> when it was a redelivery.</summary>
public sealed record ViewBatchReceipt(Guid BatchId, int Hits, long Counted, bool AlreadyCounted);
