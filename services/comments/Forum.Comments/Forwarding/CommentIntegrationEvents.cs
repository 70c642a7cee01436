using Forum.ServiceDefaults.EventStore;
using JasperFx.Events;

namespace Forum.Comments.Forwarding;

/// <summary>How the comments service's domain events look to the rest of the forum.</summary>
public sealed class CommentIntegrationEvents : IIntegrationEventMapper
{
    // Comments themselves arrive with the comments feature; until then nothing is published.
    public object? ToIntegrationEvent(IEvent stored) => null;
}
