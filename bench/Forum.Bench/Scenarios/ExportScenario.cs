using System.Diagnostics;

namespace Forum.Bench.Scenarios;

/// <summary>
/// An analyst's export: <c>forumctl events export --service all --format parquet</c>, run as
/// the published command is, end to end (start-up, the admin feeds over HTTP, the merge in time
/// order, the Parquet file), against PostgreSQL reading the events tables alone.
/// </summary>
public static class ExportScenario
{
    public static async Task RunAsync(RunContext run, string repositoryRoot)
    {
        Console.WriteLine("- export to Parquet");
        var (events, ceiling) = await EventHistory.ReadAllAsync(run);
        var tool = Path.Combine(repositoryRoot, "tools", "Forum.Cli", "bin", "Release", "net10.0", "forumctl.dll");
        var output = Path.Combine(Path.GetTempPath(), $"forum-bench-export-{Environment.ProcessId}.parquet");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { tool, "events", "export", "--service", "all", "--format", "parquet", "--out", output,
                     "--gateway", run.Forum.Gateway.BaseAddress.ToString(), "--token", run.Seed.AdminToken })
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("forumctl did not start.");
        var said = process.StandardOutput.ReadToEndAsync(run.Cancellation);
        var complained = process.StandardError.ReadToEndAsync(run.Cancellation);
        await process.WaitForExitAsync(run.Cancellation);
        clock.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"forumctl events export failed ({process.ExitCode}): {await complained}{await said}");
        }
        var bytes = new FileInfo(output).Length;
        File.Delete(output);

        var rate = events / clock.Elapsed.TotalSeconds;
        run.Report.Add(new Reporting.Row(
            $"export of the seeded history ({events:N0} events, every service, {bytes / 1024.0 / 1024.0:N1} MB) to Parquet, forumctl end to end",
            $"{rate:N0} events/s", $"{ceiling:N0} events/s", $"{rate / ceiling:P1}", "≥ 200,000 events/s (of 1,000,000)", rate >= 200_000));
    }
}
