using Forum.Bench.Forum;
using Forum.Bench.Load;
using Forum.Bench.Reporting;
using Forum.Bench.Seeding;

namespace Forum.Bench.Scenarios;

/// <summary>What every scenario works with: the running forum, what was seeded, the report, the clock.</summary>
public sealed class RunContext(ForumSystem forum, SeededForum seed, Seeder seeder, Report report, MemorySampler memory, bool quick, CancellationToken cancellationToken)
{
    public const int Connections = 64;

    public ForumSystem Forum { get; } = forum;
    public SeededForum Seed { get; } = seed;
    public Seeder Seeder { get; } = seeder;
    public Report Report { get; } = report;
    public MemorySampler Memory { get; } = memory;
    public bool Quick { get; } = quick;
    public CancellationToken Cancellation { get; } = cancellationToken;

    public TimeSpan Duration => Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(10);
    public TimeSpan WarmUp => Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(3);

    /// <summary>The longest a warm-up goes on waiting for the compiler to settle.</summary>
    public TimeSpan MaxWarmUp => TimeSpan.FromSeconds(30);

    /// <summary>
    /// Compilation below this share of the warm-up's time (summed over the forum's processes)
    /// counts as settled: a few methods still reach their final tier now and then.
    /// </summary>
    private const double SettledJitShare = 0.03;

    /// <summary>The warm-up each load run took, by run.</summary>
    public List<(string Run, TimeSpan WarmUp, double JitShare)> WarmUps { get; } = [];

    /// <summary>
    /// Warms the target up until the forum's processes have stopped compiling (<see cref="JitActivity"/>),
    /// then measures it for the run's duration (while memory is watched).
    /// </summary>
    public async Task<LoadResult> MeasureAsync(string name, LoadPlan plan, bool warm = true)
    {
        if (warm)
        {
            await WarmUpAsync(name, plan);
        }
        LoadResult result;
        using (Memory.UnderLoad())
        {
            result = await LoadGenerator.RunAsync(plan with { Duration = Duration }, Cancellation);
        }
        Report.Run(name, result);
        return result;
    }

    /// <summary>The gateway's <c>/metrics</c>, as Prometheus would scrape it.</summary>
    public async Task<string> GatewayMetricsAsync()
    {
        using var client = Seeding.Seeder.Client(Forum.Gateway.BaseAddress);
        return await client.GetStringAsync("/metrics", Cancellation);
    }

    /// <summary>Runs the plan's load until the forum's processes have stopped compiling, or for <see cref="MaxWarmUp"/>.</summary>
    public async Task WarmUpAsync(string name, LoadPlan plan)
    {
        var warming = global::System.Diagnostics.Stopwatch.StartNew();
        double share;
        Dictionary<string, double> shares;
        do
        {
            var before = await JitActivity.SecondsAsync(Forum.ForumProcesses, Cancellation);
            var chunk = global::System.Diagnostics.Stopwatch.StartNew();
            await LoadGenerator.RunAsync(plan with { Duration = WarmUp, Answered = null }, Cancellation);
            var after = await JitActivity.SecondsAsync(Forum.ForumProcesses, Cancellation);
            shares = after.Where(p => before.ContainsKey(p.Key)).ToDictionary(p => p.Key, p => (p.Value - before[p.Key]) / chunk.Elapsed.TotalSeconds);
            share = shares.Values.Sum();
        }
        while (share >= SettledJitShare && warming.Elapsed < MaxWarmUp);
        WarmUps.Add((name, warming.Elapsed, share));
        var busiest = string.Join(", ", shares.Where(p => p.Value >= 0.01).OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:P0}"));
        Console.WriteLine($"  warmed up {warming.Elapsed.TotalSeconds:N1} s (compiling {share:P0} of the last {WarmUp.TotalSeconds:N0} s{(busiest.Length > 0 ? ": " + busiest : "")})");
    }
}
