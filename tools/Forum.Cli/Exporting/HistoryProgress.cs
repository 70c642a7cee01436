using System.Diagnostics;
using Spectre.Console;

namespace Forum.Cli.Exporting;

/// <summary>
/// One progress bar per service, by sequence: how far through the service's stored events the
/// read has come, out of the highest sequence the feed said it holds.
/// </summary>
public sealed class HistoryProgress(ProgressContext context, IReadOnlyList<FeedReader> readers, long after)
{
    private readonly Dictionary<string, (ProgressTask Task, FeedReader Reader)> _tasks =
        readers.ToDictionary(r => r.Service, r => (context.AddTask(r.Service, maxValue: 1), r));
    private readonly Dictionary<string, long> _last = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public long Read { get; private set; }

    public long Written { get; private set; }

    /// <summary>The last sequence read from each service: where a later run resumes.</summary>
    public IReadOnlyDictionary<string, long> LastSequences => _last;

    public void Saw(StoredEvent stored, bool written)
    {
        Read++;
        Written += written ? 1 : 0;
        _last[stored.Service] = stored.Sequence;
        // The bars move every 500 events: each change of a bar takes a lock, reads the local time
        // and keeps a sample, twice an event when they moved with every event.
        if (Read % 500 == 0)
        {
            Describe();
        }
    }

    public void Finish()
    {
        foreach (var (task, _) in _tasks.Values)
        {
            task.Value = task.MaxValue;
        }
        Describe();
    }

    public double EventsPerSecond => _clock.Elapsed.TotalSeconds > 0 ? Read / _clock.Elapsed.TotalSeconds : 0;

    private void Describe()
    {
        foreach (var (service, (task, reader)) in _tasks)
        {
            if (reader.LastSequence is { } last && last > after && _last.TryGetValue(service, out var sequence))
            {
                task.MaxValue = last - after;
                task.Value = Math.Min(sequence - after, task.MaxValue);
            }
            task.Description = $"{service} [grey]({Read:N0} events, {EventsPerSecond:N0}/s)[/]";
        }
    }

    public static Progress For(IAnsiConsole console) => console.Progress()
        .AutoClear(false)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn());
}
