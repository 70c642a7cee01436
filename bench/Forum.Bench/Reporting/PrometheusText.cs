using System.Globalization;

namespace Forum.Bench.Reporting;

/// <summary>Plain series of a service's <c>/metrics</c> (Prometheus text exposition).</summary>
public static class PrometheusText
{
    /// <summary>The sum of every series of <paramref name="metric"/> (all its label sets); 0 when it is absent.</summary>
    public static double Sum(string exposition, string metric) => exposition.Split('\n')
        .Where(line => line.StartsWith(metric, StringComparison.Ordinal))
        .Select(line => double.TryParse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0)
        .Sum();
}
