namespace Forum.Cli.Exporting;

/// <summary>
/// One stored event as a service's feed serves it, with the service it came from. Data and
/// metadata stay the JSON text the service sent (metadata may be <c>null</c>), so an export changes nothing in them.
/// </summary>
public sealed record StoredEvent(
    string Service, long Sequence, Guid EventId, Guid StreamId, long Version, string Type, DateTimeOffset Time, string Data, string Metadata);
