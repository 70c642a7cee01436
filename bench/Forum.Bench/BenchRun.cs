using System.Diagnostics;
using System.Runtime.InteropServices;
using Forum.Bench.Forum;
using Forum.Bench.Reporting;
using Forum.Bench.Scenarios;
using Forum.Bench.Seeding;

namespace Forum.Bench;

/// <summary>One run: start the forum, seed it, run every scenario with its reference, write the table, stop everything.</summary>
public static class BenchRun
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        using var cancellation = new CancellationTokenSource();
        // SIGTERM or Ctrl-C: stop measuring, and still stop every process this run started.
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; cancellation.Cancel(); });
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; cancellation.Cancel(); });

        var output = Path.GetFullPath(options.Output);
        var plan = options.Quick ? SeedPlan.Quick : SeedPlan.Full;
        var settings = new BenchSettings(options.Postgres, options.RabbitMq, options.RabbitMqManagement, options.BasePort,
            RepositoryRoot(), Path.Combine(Path.GetDirectoryName(output)!, "logs"),
            options.SeedKey is { } key ? $"{key} {plan}" : null, options.Fresh, options.Quick);
        var report = new Report();
        var wholeRun = Stopwatch.StartNew();

        await using var forum = new ForumSystem(settings);
        try
        {
            var loadAtStart = LoadAverage();
            Console.WriteLine("Starting the forum (Release builds, one service at a time)");
            await forum.StartAsync();
            var firstStart = forum.ForumProcesses.ToDictionary(p => p.Name, p => p.StartUpTime!.Value);
            var startedOn = forum.Restored ? "seeded database" : "empty database";
            await using var memory = new MemorySampler(forum.ForumProcesses);
            var seeder = new Seeder(forum, (name, value, unit) => report.Fact(name, unit == "s" ? $"{value:N1} s" : $"{value:N0}{unit}"));
            SeededForum seed;
            IReadOnlyDictionary<string, TimeSpan>? restart = null;
            if (forum.Restored)
            {
                Console.WriteLine("The databases are copies of the seed kept by an earlier run of the same code (bench/run.sh --fresh seeds afresh)");
                seed = await seeder.LoadAsync(plan, cancellation.Token);
                report.Note("The seeded databases are copies of the seed an earlier run of the same code kept (`bench/run.sh --fresh` seeds afresh and reports the seeding rates); the seeding figures of the first baseline are in HISTORY.md.");
            }
            else
            {
                Console.WriteLine($"Seeding {plan.Boards} boards, {plan.Posts:N0} posts ({plan.PostsOnBigBoard:N0} on one board), {plan.Comments:N0} comments");
                var seeding = Stopwatch.StartNew();
                seed = await seeder.SeedAsync(plan, cancellation.Token);
                report.Fact("seeding in all, until the read models held everything", $"{seeding.Elapsed.TotalSeconds:N0} s");
                Console.WriteLine("- keeping the seeded databases, and restarting the services on them");
                await forum.SnapshotAndRestartAsync();
                restart = forum.ForumProcesses.ToDictionary(p => p.Name, p => p.StartUpTime!.Value);
            }

            var run = new RunContext(forum, seed, seeder, report, memory, options.Quick, cancellation.Token);
            await ReadScenarios.RunAsync(run);
            await LiveScenario.RunAsync(run);
            await WriteScenarios.RunAsync(run);
            await ViewScenario.RunAsync(run);
            // The goals for reading the whole history are stated for 1,000,000 events.
            await LongHistory.GrowAsync(run, options.Quick ? 250_000 : 1_000_000);
            await RebuildScenario.RunAsync(run);
            // Last of the load runs: the scenario after it timed out creating a comment when it ran
            // earlier (the gateway still busy with the signed-in pages' backlog, not yet understood).
            await ReadingScenario.RunAsync(run);

            foreach (var (service, megabytes) in memory.PeakUnderLoad.OrderBy(p => p.Key))
            {
                var own = memory.PrivatePeakUnderLoad.TryGetValue(service, out var anonymous) ? $" ({anonymous:N0} MB its own)" : "";
                report.Add(new Row($"memory: {service}, peak RSS under load (peak anonymous memory, not shared)", $"{megabytes:N0} MB{own}", "—", "—", "≤ 200 MB", megabytes <= 200));
            }
            foreach (var (service, time) in firstStart)
            {
                report.Add(new Row($"start-up: {service}, start → ready, {startedOn}", $"{time.TotalSeconds:N2} s", "—", "—", "≤ 3 s", time.TotalSeconds <= 3));
            }
            foreach (var (service, time) in restart ?? new Dictionary<string, TimeSpan>())
            {
                report.Add(new Row($"start-up: {service}, restart → ready, seeded database", $"{time.TotalSeconds:N2} s", "—", "—", "≤ 3 s", time.TotalSeconds <= 3));
            }
            await ExportScenario.RunAsync(run, RepositoryRoot());
            if (run.WarmUps.Count > 0)
            {
                report.Fact("warm-up before a load run, until the forum's processes compiled less than 3 % of the time (fewest–most seconds)",
                    $"{run.WarmUps.Min(w => w.WarmUp.TotalSeconds):N0}–{run.WarmUps.Max(w => w.WarmUp.TotalSeconds):N0} s");
            }
            report.Fact("the whole run", $"{wholeRun.Elapsed.TotalMinutes:N1} min");

            report.Fact("load average of the machine (1 min) at the start and at the end", $"{loadAtStart} / {LoadAverage()}");
            await File.WriteAllTextAsync(output, report.ToMarkdown("Benchmark results", Header(options, plan, settings)));
            Console.WriteLine($"Wrote {output} in {wholeRun.Elapsed.TotalMinutes:N1} min.");
            return 0;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine("Stopped before the end; nothing written.");
            return 130;
        }
    }

    private static IEnumerable<string> Header(BenchOptions options, SeedPlan plan, BenchSettings settings)
    {
        var duration = options.Quick ? 3 : 10;
        yield return $"Produced by `bench/run.sh{(options.Quick ? " --quick" : "")}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: "
            + $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}. "
            + $"Forum: {plan.Boards} boards, {plan.Posts:N0} posts ({plan.PostsOnBigBoard:N0} on one board), {plan.Comments:N0} comments, "
            + "seeded through the services' APIs and projected by the gateway's own consumers.";
        yield return "";
        yield return $"Each load run: {RunContext.Connections} keep-alive HTTP/1.1 connections, closed loop, {duration} s after a warm-up that goes on until the forum's processes have stopped compiling code, "
            + "forum and reference one after the other on the same machine in the same run. The reference for reads is a bare Kestrel "
            + "endpoint serving the very bytes of the page under test; for comments it is the same call straight to the comments service. "
            + "The load generator shares the two cores with what it measures, so the ratios are what count; absolute figures move from run to run.";
    }

    /// <summary>The one-minute load average: on a shared machine it says how far to trust the absolute figures.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Forum.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Run from a build inside the repository.");
    }
}
