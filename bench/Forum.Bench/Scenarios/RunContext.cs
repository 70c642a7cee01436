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

    /// <summary>Warms the target up, then measures it for the run's duration (while memory is watched).</summary>
    public async Task<LoadResult> MeasureAsync(string name, LoadPlan plan, bool warm = true)
    {
        if (warm)
        {
            await LoadGenerator.RunAsync(plan with { Duration = WarmUp, Answered = null }, Cancellation);
        }
        LoadResult result;
        using (Memory.UnderLoad())
        {
            result = await LoadGenerator.RunAsync(plan with { Duration = Duration }, Cancellation);
        }
        Report.Run(name, result);
        return result;
    }
}
