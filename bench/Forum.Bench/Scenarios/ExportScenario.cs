using System.Diagnostics;

namespace Forum.Bench.Scenarios;

/// <summary>
/// An analyst's export: <c>forumctl events export --service all --format parquet</c>, run as
/// the published command is, end to end (start-up, the admin feeds over HTTP, the merge in time
/// order, the Parquet file), against PostgreSQL reading the events tables alone. Where its time
/// goes is shown by two parts timed on their own: <c>forumctl</c> starting and exiting, and the
/// admin feeds read through the gateway with nothing done to what they send.
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

        var elapsed = await RunAsync(start, run.Cancellation);
        var bytes = new FileInfo(output).Length;
        File.Delete(output);

        var help = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        help.ArgumentList.Add(tool);
        help.ArgumentList.Add("--help");
        var startUp = await RunAsync(help, run.Cancellation);
        var (feedEvents, feedTime) = await ReadFeedsAsync(run);
        run.Report.Fact("export, its parts timed alone: forumctl starting and exiting; the three feeds read through the gateway, one after another",
            $"{startUp.TotalSeconds:N2} s; {feedEvents:N0} events in {feedTime.TotalSeconds:N2} s ({feedEvents / feedTime.TotalSeconds:N0} events/s), of {elapsed.TotalSeconds:N2} s end to end");

        var rate = events / elapsed.TotalSeconds;
        run.Report.Add(new Reporting.Row(
            $"export of the history ({events:N0} events, every service, {bytes / 1024.0 / 1024.0:N1} MB) to Parquet, forumctl end to end",
            $"{rate:N0} events/s", $"{ceiling:N0} events/s", $"{rate / ceiling:P1}", "≥ 200,000 events/s (of 1,000,000)", rate >= 200_000));
    }

    private static async Task<TimeSpan> RunAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("forumctl did not start.");
        var said = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var complained = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        clock.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"forumctl {string.Join(' ', start.ArgumentList.Skip(1).Take(2))} failed ({process.ExitCode}): {await complained}{await said}");
        }
        return clock.Elapsed;
    }

    /// <summary>Every service's admin feed, page after page, as forumctl asks for it; the lines are counted, not parsed.</summary>
    private static async Task<(long Events, TimeSpan Elapsed)> ReadFeedsAsync(RunContext run)
    {
        using var http = Seeding.Seeder.Client(run.Forum.Gateway.BaseAddress);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", run.Seed.AdminToken);
        const int pageSize = 5_000;
        var events = 0L;
        var clock = Stopwatch.StartNew();
        foreach (var service in new[] { "posts", "comments", "engagement" })
        {
            var after = 0L;
            while (true)
            {
                var page = await http.GetStringAsync($"/api/admin/events/{service}?after={after}&limit={pageSize}", run.Cancellation);
                var lines = page.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                events += lines.Length;
                if (lines.Length < pageSize)
                {
                    break;
                }
                var last = lines[^1];
                var at = last.IndexOf("\"sequence\":", StringComparison.Ordinal) + "\"sequence\":".Length;
                after = long.Parse(last.AsSpan(at, last.IndexOfAny([',', '}'], at) - at), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return (events, clock.Elapsed);
    }
}
