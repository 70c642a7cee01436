using System.Globalization;

namespace Forum.Bench.Reporting;

/// <summary>
/// One histogram series as a service's <c>/metrics</c> shows it: cumulative counts per bucket.
/// Two scrapes subtracted give what happened between them; a quantile is read from the buckets
/// by linear interpolation, so it is as fine as the buckets are (the gateway's lag histograms
/// have sub-second buckets).
/// </summary>
public sealed record PrometheusHistogram(IReadOnlyList<(double UpperBound, double Count)> Buckets)
{
    /// <summary>The buckets of <paramref name="metric"/> (e.g. <c>forum_projection_lag_seconds</c>) whose labels include <paramref name="label"/>.</summary>
    public static PrometheusHistogram Parse(string exposition, string metric, string label)
    {
        var buckets = new Dictionary<double, double>();
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(metric + "_bucket{", StringComparison.Ordinal) || !line.Contains(label, StringComparison.Ordinal))
            {
                continue;
            }
            var le = line.IndexOf("le=\"", StringComparison.Ordinal) + 4;
            var bound = line[le..line.IndexOf('"', le)];
            var upper = bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, CultureInfo.InvariantCulture);
            var count = double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            buckets[upper] = buckets.GetValueOrDefault(upper) + count;
        }
        return new PrometheusHistogram(buckets.OrderBy(b => b.Key).Select(b => (b.Key, b.Value)).ToList());
    }

    public double Total => Buckets.Count == 0 ? 0 : Buckets[^1].Count;

    public PrometheusHistogram Minus(PrometheusHistogram earlier) => new(Buckets
        .Select(b => (b.UpperBound, b.Count - earlier.Buckets.Where(e => e.UpperBound == b.UpperBound).Select(e => e.Count).FirstOrDefault()))
        .ToList());

    /// <summary>The value below which <paramref name="share"/> of the observations fall, or null without any.</summary>
    public double? Quantile(double share)
    {
        if (Total <= 0)
        {
            return null;
        }
        var wanted = share * Total;
        var (lower, below) = (0.0, 0.0);
        foreach (var (upper, count) in Buckets)
        {
            if (count >= wanted)
            {
                return double.IsPositiveInfinity(upper) ? lower : lower + (upper - lower) * (wanted - below) / Math.Max(1, count - below);
            }
            (lower, below) = (upper, count);
        }
        return lower;
    }
}
