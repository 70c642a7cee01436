using JasperFx.Events;

namespace Forum.EventSourcing;

/// <summary>
/// How a service's stored domain events look to the rest of the forum. The forwarder and the
/// admin event feed both use it, so live consumers and rebuilds see the very same shapes.
/// </summary>
public interface IIntegrationEventMapper
{
    /// <summary>The integration event for a stored event, or null if the event stays internal.</summary>
    /// <remarks>Throw only when the event can never be mapped: it is then set aside as a dead letter.</remarks>
    object? ToIntegrationEvent(IEvent stored);
}
