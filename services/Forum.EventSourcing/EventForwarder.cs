using System.Diagnostics;
using System.Globalization;
using Forum.Contracts;
using Forum.ServiceDefaults.Telemetry;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Forum.EventSourcing;

/// <summary>
/// Publishes every committed event to the broker: the event store is the outbox. Marten's async
/// daemon hands it pages of events in global order and records progress after each page, so a
/// crash between publish and progress publishes again (at least once); consumers dedupe by
/// <c>MessageId</c>, which is the stored event's id.
/// </summary>
internal sealed class EventForwarder(
    IBus bus,
    IIntegrationEventMapper mapper,
    ForumService service,
    ILogger<EventForwarder> logger) : SubscriptionBase
{
    public const string SubscriptionName = "forwarder";

    /// <summary>
    /// Streams published side by side; events of one stream are always published in order. Each
    /// publish waits for the broker's confirm, so this is how many confirms are in flight: with
    /// 16, half of a comment's commit → read-model lag under load was spent here.
    /// </summary>
    private const int ParallelStreams = 64;

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var outgoing = new List<(IEvent Stored, object Message)>(page.Events.Count);
        foreach (var stored in page.Events)
        {
            object? message;
            try
            {
                message = mapper.ToIntegrationEvent(stored);
            }
            catch (Exception exception)
            {
                // An event that can never be mapped must not block every event behind it.
                logger.LogError(exception, "Event {EventId} ({EventType}) at sequence {Sequence} cannot be forwarded; set aside as a dead letter",
                    stored.Id, stored.EventTypeName, stored.Sequence);
                EventStoreMetrics.EventsDeadLettered.Add(1, new KeyValuePair<string, object?>("event", stored.EventTypeName));
                await controller.RecordDeadLetterEventAsync(stored, exception);
                continue;
            }
            if (message is not null)
            {
                outgoing.Add((stored, message));
            }
        }

        // A broker failure is waited out here, publish by publish, rather than left to Marten's
        // error policy: the page's progress is recorded only once every event of it is published,
        // so nothing is lost while RabbitMQ is away, whatever Marten would do with an exception.
        await Parallel.ForEachAsync(
            outgoing.GroupBy(e => e.Stored.StreamId),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelStreams, CancellationToken = cancellationToken },
            async (stream, token) =>
            {
                foreach (var (stored, message) in stream)
                {
                    await PublishUntilSentAsync(stored, message, token);
                }
            });

        return NullChangeListener.Instance;
    }

    /// <summary>
    /// How long one publish may take, confirm included, before it is given up and tried again.
    /// After a broker restart a publish was found waiting for good (no error, no confirm), which
    /// held the forwarder, and so every event behind it, until the service was restarted.
    /// </summary>
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Publishes, trying again with a growing pause (up to 5 s) until it is sent or forwarding stops.</summary>
    private Task PublishUntilSentAsync(IEvent stored, object message, CancellationToken cancellationToken) =>
        Persistently.RunAsync(token => PublishAsync(stored, message, token), PublishTimeout, (attempt, exception) =>
        {
            EventStoreMetrics.ForwardRetries.Add(1, new KeyValuePair<string, object?>("event", message.GetType().Name));
            logger.LogWarning(exception, "Publishing event {EventId} at sequence {Sequence} failed or took over {Timeout} (attempt {Attempt}); trying again",
                stored.Id, stored.Sequence, PublishTimeout, attempt);
        }, cancellationToken);

    private async Task PublishAsync(IEvent stored, object message, CancellationToken cancellationToken)
    {
        var messageType = message.GetType();
        using var activity = ForumTelemetry.Source.StartActivity(
            $"forward {messageType.Name}", ActivityKind.Producer, ParentOf(stored));
        activity?.SetTag("messaging.message.id", stored.Id);
        activity?.SetTag("forum.event.sequence", stored.Sequence);
        activity?.SetTag("forum.stream.id", stored.StreamId);

        await bus.Publish(message, messageType, context =>
        {
            context.MessageId = stored.Id;
            context.Headers.Set(IntegrationHeaders.SourceService, service.Name);
            context.Headers.Set(IntegrationHeaders.StreamId, stored.StreamId.ToString());
            context.Headers.Set(IntegrationHeaders.StreamVersion, stored.Version);
            context.Headers.Set(IntegrationHeaders.Sequence, stored.Sequence);
            context.Headers.Set(IntegrationHeaders.OccurredAt, stored.Timestamp.ToString("O", CultureInfo.InvariantCulture));
            context.Headers.Set(IntegrationHeaders.EventType, messageType.Name);
        }, cancellationToken);

        EventStoreMetrics.EventsForwarded.Add(1, new KeyValuePair<string, object?>("event", messageType.Name));
    }

    /// <summary>The trace context stored with the event when it was appended, if any.</summary>
    private static ActivityContext ParentOf(IEvent stored)
    {
        if (stored.Headers is { } headers
            && headers.TryGetValue(TraceContextListener.TraceParentHeader, out var parent)
            && ActivityContext.TryParse(parent?.ToString(), headers.GetValueOrDefault(TraceContextListener.TraceStateHeader)?.ToString(), out var context))
        {
            return context;
        }
        return default;
    }
}
