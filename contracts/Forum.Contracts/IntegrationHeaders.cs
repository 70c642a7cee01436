namespace Forum.Contracts;

/// <summary>
/// Names of the message headers every forwarded integration event carries, so a consumer can
/// order, dedupe and trace it without opening the body.
/// </summary>
public static class IntegrationHeaders
{
    public const string SourceService = "forum-source-service";
    public const string StreamId = "forum-stream-id";
    public const string StreamVersion = "forum-stream-version";
    public const string Sequence = "forum-sequence";
    public const string OccurredAt = "forum-occurred-at";
    public const string EventType = "forum-event-type";
}
