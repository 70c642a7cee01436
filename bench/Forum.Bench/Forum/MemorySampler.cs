namespace Forum.Bench.Forum;

/// <summary>
/// Samples the resident memory of each forum process four times a second and keeps, per process,
/// the highest figure seen while a load run was going.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly IReadOnlyList<ServiceProcess> _processes;
    private readonly Dictionary<string, double> _peakUnderLoad = [];
    private readonly Dictionary<string, double> _privatePeakUnderLoad = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private volatile bool _underLoad;

    public MemorySampler(IReadOnlyList<ServiceProcess> processes)
    {
        _processes = processes;
        _sampling = Task.Run(SampleAsync);
    }

    /// <summary>Marks a stretch of load: samples taken until it is disposed count as "under load".</summary>
    public IDisposable UnderLoad()
    {
        _underLoad = true;
        return new Scope(() => _underLoad = false);
    }

    /// <summary>The peak of the anonymous (private) part of the resident memory, per process.</summary>
    public IReadOnlyDictionary<string, double> PrivatePeakUnderLoad
    {
        get
        {
            lock (_peakUnderLoad)
            {
                return new Dictionary<string, double>(_privatePeakUnderLoad);
            }
        }
    }

    public IReadOnlyDictionary<string, double> PeakUnderLoad
    {
        get
        {
            lock (_peakUnderLoad)
            {
                return new Dictionary<string, double>(_peakUnderLoad);
            }
        }
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (!_underLoad)
                {
                    continue;
                }
                foreach (var process in _processes)
                {
                    if (process.ResidentMegabytes() is { } megabytes)
                    {
                        lock (_peakUnderLoad)
                        {
                            _peakUnderLoad[process.Name] = Math.Max(_peakUnderLoad.GetValueOrDefault(process.Name), megabytes);
                        }
                    }
                    if (process.PrivateMegabytes() is { } own)
                    {
                        lock (_peakUnderLoad)
                        {
                            _privatePeakUnderLoad[process.Name] = Math.Max(_privatePeakUnderLoad.GetValueOrDefault(process.Name), own);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
