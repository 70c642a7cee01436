using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Forum.Bench.Scenarios;

/// <summary>
/// The gateway's read models rebuilt from the services' histories, seeded and then grown by
/// <see cref="LongHistory"/> (every service's feed, through the same projections live events
/// run, aside, then swapped in), against PostgreSQL reading the events tables alone in the same
/// run: the ceiling for anything that reads the history.
/// </summary>
public static class RebuildScenario
{
    private const string Path = "/api/admin/read-models/rebuild";

    public static async Task RunAsync(RunContext run)
    {
        Console.WriteLine("- read-model rebuild");
        var (_, ceiling) = await EventHistory.ReadAllAsync(run);

        using var gateway = Seeding.Seeder.Client(run.Forum.Gateway.BaseAddress);
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", run.Seed.AdminToken);
        gateway.Timeout = TimeSpan.FromMinutes(30);
        var started = await gateway.PostAsync(Path, null, run.Cancellation);
        started.EnsureSuccessStatusCode();
        JsonElement status;
        do
        {
            await Task.Delay(500, run.Cancellation);
            status = await gateway.GetFromJsonAsync<JsonElement>(Path, run.Cancellation);
        }
        while (status.GetProperty("state").GetString() is "preparing" or "running");
        if (status.GetProperty("state").GetString() != "swapped")
        {
            throw new InvalidOperationException($"The rebuild did not swap: {status}");
        }
        var rate = status.GetProperty("eventsPerSecond").GetDouble();
        var applied = status.GetProperty("eventsApplied").GetInt64();
        run.Report.Add(new Reporting.Row($"read-model rebuild from the history ({applied:N0} events)",
            $"{rate:N0} events/s", $"{ceiling:N0} events/s", $"{rate / ceiling:P1}", "≥ 50,000 events/s", rate >= 50_000));
    }
}
