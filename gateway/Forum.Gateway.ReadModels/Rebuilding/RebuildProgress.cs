using System.Collections.Concurrent;
using System.Diagnostics;

namespace Forum.Gateway.ReadModels.Rebuilding;

/// <summary>How far a rebuild has come: per service, the sequence applied and the last one its feed has.</summary>
internal sealed class RebuildProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastReport;

    /// <summary>The sequence of each service's history applied so far.</summary>
    public Dictionary<string, long> Positions { get; } = [];

    /// <summary>The last sequence each service's feed said it holds, as the reader learns it.</summary>
    public ConcurrentDictionary<string, long> LastSequences { get; } = new();

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>True at most once per <paramref name="interval"/>: time to write the status again.</summary>
    public bool ReportDue(TimeSpan interval)
    {
        if (_clock.Elapsed - _lastReport <= interval)
        {
            return false;
        }
        _lastReport = _clock.Elapsed;
        return true;
    }

    /// <summary>The status with these figures: events applied, of how many, and how fast.</summary>
    public RebuildStatus ShownIn(RebuildStatus status)
    {
        var applied = Positions.Values.Sum();
        return status with
        {
            EventsApplied = applied,
            EventsTotal = Math.Max(applied, LastSequences.Values.Sum()),
            EventsPerSecond = applied / Math.Max(Elapsed.TotalSeconds, 0.001),
        };
    }
}
