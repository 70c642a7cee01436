using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Forum.Gateway.ReadModels.Comments;
using Forum.ServiceDefaults.Telemetry;
using JasperFx;
using Marten;

namespace Forum.Gateway.ReadModels.Rebuilding;

/// <summary>
/// Rebuilds the read models from the services' event histories, aside, and swaps them in:
/// prepare an empty <see cref="RebuildSchema.Aside"/>; announce the rebuild so every replica
/// also writes live events there; read each service's history through the same projections
/// that live events run, page by page; swap. The site serves the old read models throughout.
/// One rebuild at a time across all replicas: the status document is written with optimistic
/// concurrency, and a runner that falls silent is presumed gone.
/// </summary>
public sealed class ReadModelRebuilder(
    IDocumentStore store, RebuildSchema schema, RebuildWatcher watcher, ServiceFeeds feeds, TimeProvider clock,
    IHostApplicationLifetime lifetime, ILogger<ReadModelRebuilder> logger)
{
    /// <summary>
    /// Events applied at once: each projection loads and writes a page's documents in one round
    /// trip each, and recounts a post's comments once a page, so larger pages mean fewer of them.
    /// </summary>
    public const int PageSize = 5_000;

    /// <summary>Like and view events held back at most (post, day and kind; see <see cref="NewestCounts"/>) before they are applied.</summary>
    public const int CountsHeldAtMost = 100_000;

    /// <summary>Posts first, so comment counts and likes find their posts; any order would converge.</summary>
    public static readonly string[] Services = ["posts", "comments", "engagement"];

    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(1);
    private readonly string _runner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Starts a rebuild in the background; null if one is already running.</summary>
    public async Task<RebuildStatus?> TryStartAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var current = await session.LoadAsync<RebuildStatus>(RebuildStatus.Key, cancellationToken);
        var now = clock.GetUtcNow();
        if (current?.IsBusy(now) == true)
        {
            return null;
        }
        var started = new RebuildStatus
        {
            State = RebuildStates.Preparing,
            Generation = (current?.Generation ?? 0) + 1,
            StartedAt = now,
            Runner = _runner,
            Heartbeat = now,
        };
        if (current is null)
        {
            session.Insert(started);
        }
        else
        {
            session.Store(started);
        }
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is ConcurrencyException or DocumentAlreadyExistsException)
        {
            return null;
        }
        _ = Task.Run(() => RunAsync(started, lifetime.ApplicationStopping), CancellationToken.None);
        return started;
    }

    /// <summary>Prepare aside, announce, replay each service's history, swap in; or record why not.</summary>
    private async Task RunAsync(RebuildStatus status, CancellationToken cancellationToken)
    {
        using var activity = ForumTelemetry.Source.StartActivity("read-models rebuild");
        activity?.SetTag("forum.rebuild.generation", status.Generation);
        var progress = new RebuildProgress();
        try
        {
            var aside = schema.StoreFor(status.Generation);
            // Prepared before any replica is told to write into it: the first live write finds its tables.
            var deferredIndexes = await schema.PrepareAsync(aside, cancellationToken);
            status = await AnnounceAsync(status, cancellationToken);
            foreach (var service in Services)
            {
                status = await ReplayAsync(service, aside, status, progress, cancellationToken);
            }
            status = await SwapInAsync(aside, deferredIndexes, status, progress, cancellationToken);
            logger.LogInformation("Read models rebuilt (generation {Generation}): {Events} events in {Elapsed}, {Rate:F0} events/s.",
                status.Generation, status.EventsApplied, progress.Elapsed, status.EventsPerSecond);
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            await RecordFailureAsync(status, e);
        }
    }

    /// <summary>Tells every replica to write live events into the aside models too, and gives them the time to hear it.</summary>
    private async Task<RebuildStatus> AnnounceAsync(RebuildStatus status, CancellationToken cancellationToken)
    {
        status = await ReportAsync(status, s => s with { State = RebuildStates.Running }, cancellationToken);
        watcher.Follow(status);
        await Task.Delay(RebuildWatcher.NoticePeriod, cancellationToken);
        return status;
    }

    /// <summary>Applies one service's whole history to the aside models, through the projections live events run.</summary>
    private async Task<RebuildStatus> ReplayAsync(
        string service, IDocumentStore aside, RebuildStatus status, RebuildProgress progress, CancellationToken cancellationToken)
    {
        var serviceStarted = progress.Elapsed;
        var serviceEvents = 0L;
        // The next pages are read from the feed while this one is applied: the rebuild
        // waits on round trips (the feed's and the database's), so it overlaps them.
        var pages = Channel.CreateBounded<FeedPage>(2);
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = ReadPagesAsync(service, pages.Writer, progress.LastSequences, stopReading.Token);
        var postsToRecount = new HashSet<Guid>();
        try
        {
            await foreach (var page in pages.Reader.ReadAllAsync(cancellationToken))
            {
                await ReadModelProjection.ApplyAsync(aside, page.Events, cancellationToken, postsToRecount);
                progress.Positions[service] = page.LastSequence;
                serviceEvents += page.EventsRead;
                if (progress.ReportDue(ReportInterval))
                {
                    status = await ReportAsync(status, progress.ShownIn, cancellationToken);
                }
            }
            await reading;
            await CommentProjection.RecountAsync(aside, postsToRecount, cancellationToken);
        }
        finally
        {
            // Should applying fail, the reader stops too rather than wait on a full channel.
            await stopReading.CancelAsync();
        }
        progress.Positions[service] = Math.Max(progress.Positions.GetValueOrDefault(service), progress.LastSequences.GetValueOrDefault(service));
        var took = progress.Elapsed - serviceStarted;
        logger.LogInformation("Rebuilt the read models from the {Service} history, up to sequence {Sequence}: {Events} events in {Elapsed}, {Rate:F0} events/s.",
            service, progress.Positions[service], serviceEvents, took, serviceEvents / Math.Max(took.TotalSeconds, 0.001));
        return status;
    }

    /// <summary>Builds the indexes left for the end, swaps the aside models in, and says so.</summary>
    private async Task<RebuildStatus> SwapInAsync(
        IDocumentStore aside, IReadOnlyList<string> deferredIndexes, RebuildStatus status, RebuildProgress progress, CancellationToken cancellationToken)
    {
        await schema.CompleteAsync(deferredIndexes, cancellationToken);
        await schema.SwapAsync(aside, cancellationToken);
        status = await ReportAsync(status, s => progress.ShownIn(s) with
        {
            State = RebuildStates.Swapped,
            FinishedAt = clock.GetUtcNow(),
        }, cancellationToken);
        watcher.Follow(status);
        ReadModelMetrics.ReadModelRebuilds.Add(1, new KeyValuePair<string, object?>("outcome", RebuildStates.Swapped));
        return status;
    }

    /// <summary>The live read models are unchanged; the status says why the rebuild failed.</summary>
    private async Task RecordFailureAsync(RebuildStatus status, Exception failure)
    {
        logger.LogError(failure, "The read-model rebuild (generation {Generation}) failed; the live read models are unchanged.", status.Generation);
        ReadModelMetrics.ReadModelRebuilds.Add(1, new KeyValuePair<string, object?>("outcome", RebuildStates.Failed));
        try
        {
            status = await ReportAsync(status, s => s with { State = RebuildStates.Failed, FinishedAt = clock.GetUtcNow(), Error = failure.Message }, CancellationToken.None);
            watcher.Follow(status);
        }
        catch (Exception report)
        {
            logger.LogError(report, "Could not record that the rebuild failed.");
        }
    }

    /// <summary>A page of events to apply, the sequence of the last event read, and how many events of the feed it stands for.</summary>
    private sealed record FeedPage(List<object> Events, long LastSequence, int EventsRead);

    /// <summary>
    /// One service's history, in pages of at most <see cref="PageSize"/> events; like and view
    /// events are held back (<see cref="NewestCounts"/>) and come at the end, or when too many are held.
    /// </summary>
    private async Task ReadPagesAsync(
        string service, ChannelWriter<FeedPage> pages, ConcurrentDictionary<string, long> lastSequences, CancellationToken cancellationToken)
    {
        try
        {
            var page = new List<object>(PageSize);
            var counts = new NewestCounts();
            var position = 0L;
            var read = 0;
            await foreach (var e in feeds.ReadAsync(service, 0, last => lastSequences.AddOrUpdate(service, last, (_, known) => Math.Max(known, last)), cancellationToken))
            {
                read++;
                position = e.Sequence;
                if (!counts.TryHold(e.Event))
                {
                    page.Add(e.Event);
                }
                if (page.Count == PageSize)
                {
                    await pages.WriteAsync(new FeedPage(page, position, read), cancellationToken);
                    (page, read) = (new List<object>(PageSize), 0);
                }
                if (counts.Count >= CountsHeldAtMost)
                {
                    await ReleaseAsync();
                }
            }
            await pages.WriteAsync(new FeedPage(page, position, read), cancellationToken);
            await ReleaseAsync();
            pages.Complete();

            async Task ReleaseAsync()
            {
                foreach (var counted in counts.Release(PageSize))
                {
                    await pages.WriteAsync(new FeedPage(counted, position, 0), cancellationToken);
                }
            }
        }
        catch (Exception e)
        {
            pages.Complete(e);
        }
    }

    /// <summary>Writes the runner's status, with a fresh heartbeat, unless another runner has taken over.</summary>
    private async Task<RebuildStatus> ReportAsync(RebuildStatus status, Func<RebuildStatus, RebuildStatus> change, CancellationToken cancellationToken)
    {
        var next = change(status) with { Heartbeat = clock.GetUtcNow() };
        await using var session = store.LightweightSession();
        var stored = await session.LoadAsync<RebuildStatus>(RebuildStatus.Key, cancellationToken);
        if (stored?.Runner != _runner || stored.Generation != status.Generation)
        {
            throw new InvalidOperationException("Another rebuild took over after this one fell silent.");
        }
        session.Store(next);
        await session.SaveChangesAsync(cancellationToken);
        return next;
    }
}
