using System.Diagnostics;
using System.Net;
using HdrHistogram;

namespace Forum.Bench.Load;

/// <summary>What one load run should send.</summary>
/// <param name="Target">Host and port; requests carry their own path.</param>
/// <param name="Connections">Fixed concurrency: one request in flight per connection.</param>
/// <param name="Duration">No request starts after this; those in flight finish.</param>
/// <param name="Request">The bytes of request number n (0, 1, 2, … across all connections).</param>
/// <param name="Answered">Told of each answer: request number and status code (e.g. to remember which views were accepted).</param>
/// <param name="PerSecond">When set, request n is not sent before n / PerSecond seconds into the run: a steady rate, for a load that is not the most the server can take.</param>
public sealed record LoadPlan(
    IPEndPoint Target, int Connections, TimeSpan Duration, Func<long, ReadOnlyMemory<byte>> Request, Action<long, int>? Answered = null, double? PerSecond = null);

/// <summary>
/// A closed-loop load generator, as wrk: a fixed number of keep-alive connections, each sending
/// its next request as soon as the previous answer is read, for a fixed time. Latency goes into
/// an HdrHistogram in microseconds.
/// </summary>
public static class LoadGenerator
{
    private const long MaxLatencyMicroseconds = 60_000_000;

    public static async Task<LoadResult> RunAsync(LoadPlan plan, CancellationToken cancellationToken = default)
    {
        long sequence = -1;
        var histograms = new LongHistogram[plan.Connections];
        var outcomes = new Outcomes[plan.Connections];
        var stopwatch = Stopwatch.StartNew();
        var deadline = plan.Duration;
        // A request still unanswered long after the end is a hung server: count it and stop.
        using var hung = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hung.CancelAfter(plan.Duration + TimeSpan.FromSeconds(15));

        var workers = Enumerable.Range(0, plan.Connections).Select(async index =>
        {
            var histogram = histograms[index] = new LongHistogram(MaxLatencyMicroseconds, 3);
            var outcome = outcomes[index] = new Outcomes();
            HttpConnection? connection = null;
            try
            {
                while (stopwatch.Elapsed < deadline && !hung.IsCancellationRequested)
                {
                    try
                    {
                        connection ??= await HttpConnection.OpenAsync(plan.Target, hung.Token);
                    }
                    catch (Exception) when (!hung.IsCancellationRequested)
                    {
                        outcome.Failures++;
                        await Task.Delay(10, CancellationToken.None);
                        continue;
                    }
                    var number = Interlocked.Increment(ref sequence);
                    if (plan.PerSecond is { } rate)
                    {
                        var due = TimeSpan.FromSeconds(number / rate);
                        if (due >= deadline)
                        {
                            break;
                        }
                        var early = due - stopwatch.Elapsed;
                        if (early > TimeSpan.Zero)
                        {
                            await Task.Delay(early, CancellationToken.None);
                        }
                    }
                    var request = plan.Request(number);
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        var (status, keepAlive) = await connection.SendAsync(request, hung.Token);
                        var micros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                        histogram.RecordValue(Math.Clamp(micros, 1, MaxLatencyMicroseconds));
                        outcome.Count(status);
                        plan.Answered?.Invoke(number, status);
                        if (!keepAlive)
                        {
                            await connection.DisposeAsync();
                            connection = null;
                        }
                    }
                    catch (Exception)
                    {
                        // A reset, a closed connection or a hung answer: an error, and a fresh connection.
                        outcome.Failures++;
                        await connection!.DisposeAsync();
                        connection = null;
                    }
                }
            }
            finally
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }
        }).ToArray();
        await Task.WhenAll(workers);
        var elapsed = stopwatch.Elapsed;

        var merged = new LongHistogram(MaxLatencyMicroseconds, 3);
        foreach (var histogram in histograms)
        {
            merged.Add(histogram);
        }
        var statuses = new Dictionary<int, long>();
        foreach (var outcome in outcomes)
        {
            foreach (var (status, count) in outcome.Statuses)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + count;
            }
        }
        return new LoadResult(elapsed, merged, statuses, outcomes.Sum(o => o.Failures));
    }

    private sealed class Outcomes
    {
        public Dictionary<int, long> Statuses { get; } = [];
        public long Failures { get; set; }

        public void Count(int status) => Statuses[status] = Statuses.GetValueOrDefault(status) + 1;
    }
}

/// <summary>The figures of one load run.</summary>
public sealed record LoadResult(TimeSpan Elapsed, HistogramBase Latency, IReadOnlyDictionary<int, long> Statuses, long Failures)
{
    public long Succeeded => Statuses.Where(s => s.Key is >= 200 and < 300).Sum(s => s.Value);

    /// <summary>Answers that were not 2xx, plus connections that failed or hung.</summary>
    public long Errors => Statuses.Where(s => s.Key is < 200 or >= 300).Sum(s => s.Value) + Failures;

    public double PerSecond => Succeeded / Elapsed.TotalSeconds;

    public double Percentile(double p) => Latency.TotalCount == 0 ? double.NaN : Latency.GetValueAtPercentile(p) / 1000.0;

    public double MaxMilliseconds => Latency.TotalCount == 0 ? double.NaN : Latency.GetMaxValue() / 1000.0;

    public string Describe() =>
        $"{PerSecond,9:N0}/s  p50 {Percentile(50),7:N2} ms  p90 {Percentile(90),7:N2} ms  p99 {Percentile(99),7:N2} ms  max {MaxMilliseconds,8:N1} ms  ok {Succeeded:N0}  errors {Errors:N0}"
        + (Errors > 0 ? "  (" + string.Join(", ", Statuses.Where(s => s.Key is < 200 or >= 300).Select(s => $"{s.Key}: {s.Value}").Append($"failed: {Failures}")) + ")" : "");
}
