using Forum.ServiceDefaults.EventStore;
using JasperFx.Events;

namespace Forum.Engagement.Forwarding;

/// <summary>How the engagement service's domain events look to the rest of the forum.</summary>
public sealed class EngagementIntegrationEvents : IIntegrationEventMapper
{
    // Likes and views arrive with the engagement feature; until then nothing is published.
    public object? ToIntegrationEvent(IEvent stored) => null;
}
