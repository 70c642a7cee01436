using System.Diagnostics;
using Forum.ServiceDefaults.Telemetry;
using Marten;

namespace Forum.EventSourcing;

/// <summary>
/// Stores the W3C trace context of the request with every event it appends, so the forwarder can
/// continue the same trace when it publishes the event, however much later that is.
/// </summary>
internal sealed class TraceContextListener : DocumentSessionListenerBase
{
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var streams = session.PendingChanges.Streams().ToList();
        if (streams.Count == 0)
        {
            return Task.CompletedTask;
        }

        var activity = Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current : null;
        foreach (var appended in streams.SelectMany(stream => stream.Events))
        {
            if (activity is not null)
            {
                appended.SetHeader(TraceParentHeader, activity.Id!);
                if (!string.IsNullOrEmpty(activity.TraceStateString))
                {
                    appended.SetHeader(TraceStateHeader, activity.TraceStateString);
                }
            }
            EventStoreMetrics.EventsAppended.Add(1, new KeyValuePair<string, object?>("event", appended.EventTypeName));
        }
        return Task.CompletedTask;
    }
}
