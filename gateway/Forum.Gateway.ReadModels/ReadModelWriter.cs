using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.Channels;
using Forum.Contracts;
using Forum.Gateway.ReadModels.LiveChanges;
using Forum.Gateway.ReadModels.Rebuilding;
using Forum.ServiceDefaults.Telemetry;
using Marten;
using MassTransit;

namespace Forum.Gateway.ReadModels;

/// <summary>
/// Where live events are written: the live read models, and while a rebuild runs, the rebuild's
/// schema as well, so that what happens during a rebuild is in it when it is swapped in.
/// <para>
/// Events are written in batches. Each consumer hands its event over and waits; two workers take
/// whatever has gathered meanwhile and apply it in one pass, one transaction per read model rather
/// than one per event, the way a rebuild applies a page. Under a burst the batches grow by
/// themselves, so the read models keep up; when it is quiet a batch is one event and waits for
/// nothing. A consumer is acknowledged only once its batch is committed. If a batch fails, its
/// events are applied one at a time, so an event that cannot be projected fails alone and takes
/// MassTransit's retries and error queue as before, while the rest are acknowledged.
/// </para>
/// </summary>
public sealed class ReadModelWriter : IAsyncDisposable
{
    /// <summary>Two, so one batch's round trips to PostgreSQL overlap the next batch's work.</summary>
    private const int Workers = 2;

    /// <summary>As large as a rebuild's pages are small: enough to share a transaction, small enough to retry.</summary>
    private const int MaxBatch = 256;

    /// <summary>Sub-second buckets: the lag is meant to be milliseconds, and the default buckets start at 5.</summary>
    private static readonly InstrumentAdvice<double> LagBuckets = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10, 30],
    };

    private static readonly Histogram<double> Lag = ForumTelemetry.Meter.CreateHistogram("forum.projection.lag", "s",
        "From an event's commit in its service to its projection into the gateway's read models.", advice: LagBuckets);

    private static readonly Histogram<double> ForwardDelay = ForumTelemetry.Meter.CreateHistogram("forum.projection.forward_delay", "s",
        "The forwarder's share of forum.projection.lag: from an event's commit to its publication to the broker.", advice: LagBuckets);

    private static readonly Histogram<int> BatchSize = ForumTelemetry.Meter.CreateHistogram("forum.projection.batch_size", "{event}",
        "Live events written to the read models together, in one pass.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });

    private readonly IDocumentStore _live;
    private readonly RebuildWatcher _rebuild;
    private readonly LiveChangeLog _liveChanges;
    private readonly TimeProvider _clock;
    private readonly Channel<PendingEvent> _pending = Channel.CreateUnbounded<PendingEvent>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _workers;

    public ReadModelWriter(IDocumentStore live, RebuildWatcher rebuild, LiveChangeLog liveChanges, TimeProvider clock)
    {
        _live = live;
        _rebuild = rebuild;
        _liveChanges = liveChanges;
        _clock = clock;
        _workers = [.. Enumerable.Range(0, Workers).Select(_ => Task.Run(WorkAsync))];
    }

    public async Task ApplyAsync<TEvent>(ConsumeContext<TEvent> context) where TEvent : class
    {
        await WriteAsync(context.Message, context.CancellationToken);

        if (context.Headers.Get<string>(IntegrationHeaders.OccurredAt) is { } occurred
            && DateTimeOffset.TryParse(occurred, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
        {
            var tag = new KeyValuePair<string, object?>("event", typeof(TEvent).Name);
            Lag.Record((_clock.GetUtcNow() - at).TotalSeconds, tag);
            if (context.SentTime is { } sent)
            {
                ForwardDelay.Record((new DateTimeOffset(sent, TimeSpan.Zero) - at).TotalSeconds, tag);
            }
        }
    }

    /// <summary>
    /// Writes one event with whatever other events are waiting, and returns once it is committed;
    /// throws if this event cannot be projected (never because another event of its batch could not).
    /// </summary>
    public async Task WriteAsync(object message, CancellationToken cancellationToken)
    {
        var pending = new PendingEvent(message, Activity.Current?.Context ?? default);
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(ReadModelWriter), "The gateway is stopping; the event will be delivered again.");
        }
        await pending.Applied.Task.WaitAsync(cancellationToken);
    }

    private async Task WorkAsync()
    {
        var batch = new List<PendingEvent>(MaxBatch);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(_stopping.Token))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }
                if (batch.Count > 0)
                {
                    await ApplyBatchAsync(batch);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private async Task ApplyBatchAsync(List<PendingEvent> batch)
    {
        // The batch continues the first event's trace (so one event alone is one trace from request
        // to projection) and links every other event's.
        using var activity = ForumTelemetry.Source.StartActivity("project events", ActivityKind.Internal, batch[0].Trace,
            links: batch.Skip(1).Where(p => p.Trace != default).Select(p => new ActivityLink(p.Trace)));
        activity?.SetTag("forum.projection.batch_size", batch.Count);
        BatchSize.Record(batch.Count);
        try
        {
            await WriteToReadModelsAsync([.. batch.Select(p => p.Event)]);
            foreach (var pending in batch)
            {
                pending.Applied.TrySetResult();
            }
        }
        catch (Exception) when (batch.Count > 1 && !_stopping.IsCancellationRequested)
        {
            activity?.AddEvent(new ActivityEvent("batch failed; applying its events one at a time"));
            foreach (var pending in batch)
            {
                try
                {
                    await WriteToReadModelsAsync([pending.Event]);
                    pending.Applied.TrySetResult();
                }
                catch (Exception e)
                {
                    pending.Applied.TrySetException(e);
                }
            }
        }
        catch (Exception e)
        {
            foreach (var pending in batch)
            {
                pending.Applied.TrySetException(e);
            }
        }
    }

    private async Task WriteToReadModelsAsync(IReadOnlyList<object> events)
    {
        await ReadModelProjection.ApplyAsync(_live, events, _stopping.Token);
        if (_rebuild.Aside is { } aside)
        {
            await ReadModelProjection.ApplyAsync(aside, events, _stopping.Token);
        }
        // After the read models committed, so a page told of a change finds it there. A failure here
        // fails the batch like any other: the events come again, project to nothing new, and are
        // told to open pages then (a page may hear of a change twice; it applies it once).
        await _liveChanges.RecordAsync(events, _stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _stopping.CancelAsync();
        await Task.WhenAll(_workers);
        while (_pending.Reader.TryRead(out var left))
        {
            left.Applied.TrySetCanceled();
        }
        _stopping.Dispose();
    }

    /// <summary>An event waiting for its batch, and the trace of the message that brought it.</summary>
    private sealed record PendingEvent(object Event, ActivityContext Trace)
    {
        public TaskCompletionSource Applied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
