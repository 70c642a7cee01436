using System.Net;
using System.Net.Http.Json;

namespace Forum.Cli.Tests.Rebuilding;

/// <summary>
/// How <c>read-models rebuild</c> starts a rebuild and follows it, against a gateway that
/// answers from a script (the rebuild itself is tested against the real gateway elsewhere).
/// </summary>
public sealed class Following_a_rebuild
{
    private static object Status(string state, long applied, long total, long generation = 7, string? error = null) => new
    {
        state, generation, startedAt = "2026-11-28T09:00:00Z", finishedAt = state is "swapped" or "failed" ? "2026-11-28T09:00:04Z" : null,
        eventsApplied = applied, eventsTotal = total, eventsPerSecond = 2500.0, error,
    };

    /// <summary>Answers each request with the next scripted response and remembers what was asked.</summary>
    private sealed class ScriptedGateway(params (HttpMethod Method, HttpStatusCode Status, object Body)[] script) : HttpMessageHandler
    {
        private int _next;

        public List<(HttpMethod Method, string Path, string? Authorization)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.Method, request.RequestUri!.AbsolutePath, request.Headers.Authorization?.ToString()));
            var (method, status, body) = script[Math.Min(_next++, script.Length - 1)];
            Assert.Equal(method, request.Method);
            return Task.FromResult(new HttpResponseMessage(status) { Content = JsonContent.Create(body) });
        }
    }

    private static Task<CliRun> RebuildAsync(ScriptedGateway gateway) =>
        Forumctl.RunAsync(Forumctl.Isolated(() => gateway, TimeSpan.Zero), "read-models", "rebuild", "--gateway", "http://gateway.test", "--token", "admin-token");

    [Fact]
    public async Task It_starts_the_rebuild_polls_until_it_has_swapped_and_reports_the_events_per_second()
    {
        var gateway = new ScriptedGateway(
            (HttpMethod.Post, HttpStatusCode.Accepted, Status("running", 0, 10_000)),
            (HttpMethod.Get, HttpStatusCode.OK, Status("running", 4_000, 10_000)),
            (HttpMethod.Get, HttpStatusCode.OK, Status("running", 9_000, 10_000)),
            (HttpMethod.Get, HttpStatusCode.OK, Status("swapped", 10_000, 10_000)));

        var run = await RebuildAsync(gateway);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Swapped", run.Output);
        Assert.Contains("generation 7", run.Output);
        Assert.Contains("10,000 events in 4.0 s (2,500 events/s)", run.Output);
        Assert.Equal(4, gateway.Requests.Count);
        Assert.All(gateway.Requests, r => Assert.Equal("/api/admin/read-models/rebuild", r.Path));
        Assert.All(gateway.Requests, r => Assert.Equal("Bearer admin-token", r.Authorization));
    }

    [Fact]
    public async Task A_failed_rebuild_exits_non_zero_with_the_gateways_reason()
    {
        var gateway = new ScriptedGateway(
            (HttpMethod.Post, HttpStatusCode.Accepted, Status("running", 0, 500)),
            (HttpMethod.Get, HttpStatusCode.OK, Status("failed", 120, 500, error: "the comments feed did not answer")));

        var run = await RebuildAsync(gateway);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("failed: the comments feed did not answer", run.Output);
        Assert.False(run.ShowsStackTrace, run.Output);
    }

    [Fact]
    public async Task A_rebuild_already_running_is_followed_rather_than_refused()
    {
        var gateway = new ScriptedGateway(
            (HttpMethod.Post, HttpStatusCode.Conflict, new { title = "A rebuild is running." }),
            (HttpMethod.Get, HttpStatusCode.OK, Status("running", 300, 600, generation: 3)),
            (HttpMethod.Get, HttpStatusCode.OK, Status("swapped", 600, 600, generation: 3)));

        var run = await RebuildAsync(gateway);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("already running; following it", run.Output);
        Assert.Contains("generation 3", run.Output);
    }

    [Fact]
    public async Task A_stale_swapped_state_of_an_earlier_generation_does_not_end_the_wait()
    {
        var gateway = new ScriptedGateway(
            (HttpMethod.Post, HttpStatusCode.Accepted, Status("running", 0, 100, generation: 5)),
            (HttpMethod.Get, HttpStatusCode.OK, Status("swapped", 100, 100, generation: 4)),
            (HttpMethod.Get, HttpStatusCode.OK, Status("swapped", 100, 100, generation: 5)));

        var run = await RebuildAsync(gateway);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(3, gateway.Requests.Count);
        Assert.Contains("generation 5 serves", run.Output);
    }

    [Fact]
    public async Task A_members_token_is_told_it_is_not_an_admins()
    {
        var gateway = new ScriptedGateway((HttpMethod.Post, HttpStatusCode.Forbidden, new { title = "Forbidden" }));

        var run = await RebuildAsync(gateway);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("not an admin's", run.Output);
        Assert.False(run.ShowsStackTrace, run.Output);
    }
}
