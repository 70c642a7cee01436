namespace Forum.Bench.Forum;

/// <summary>
/// How much time the forum's processes have spent compiling code, as their <c>/metrics</c> show
/// it (the runtime's <c>dotnet.jit.compilation.time</c>). A service keeps recompiling its hot
/// methods (tiered compilation) for seconds after load begins, and on two cores that takes a
/// third of the CPU: a run measured before it settles measures the compiler, not the forum,
/// which a community's forum, running for days, never pays again.
/// </summary>
public static class JitActivity
{
    private const string Metric = "dotnet_jit_compilation_time";

    /// <summary>Seconds of compilation so far, by process; a process that does not report it is left out.</summary>
    public static async Task<Dictionary<string, double>> SecondsAsync(IEnumerable<ServiceProcess> processes, CancellationToken cancellationToken)
    {
        var seconds = new Dictionary<string, double>();
        foreach (var process in processes)
        {
            using var client = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            string exposition;
            try
            {
                exposition = await client.GetStringAsync("/metrics", cancellationToken);
            }
            catch (HttpRequestException)
            {
                continue;
            }
            if (exposition.Contains(Metric, StringComparison.Ordinal))
            {
                seconds[process.Name] = Reporting.PrometheusText.Sum(exposition, Metric);
            }
        }
        return seconds;
    }
}
