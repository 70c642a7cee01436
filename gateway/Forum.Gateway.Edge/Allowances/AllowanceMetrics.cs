using System.Diagnostics.Metrics;
using Forum.ServiceDefaults.Telemetry;

namespace Forum.Gateway.Edge.Allowances;

/// <summary>What the rate limits report under the forum's meter.</summary>
public static class AllowanceMetrics
{
    public static readonly Histogram<double> Taking = ForumTelemetry.Meter.CreateHistogram<double>(
        "forum.gateway.allowance.duration", "s",
        "How long taking a share of a rate-limit allowance took (the limits' cost on the write path), by policy and outcome: taken, refused, unavailable.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2] });

    public static readonly Counter<long> GivenBack = ForumTelemetry.Meter.CreateCounter<long>(
        "forum.gateway.allowance.given_back", "{request}", "Shares of an allowance given back because what they were taken for was refused.");

    public static readonly Counter<long> Unauthenticated = ForumTelemetry.Meter.CreateCounter<long>(
        "forum.gateway.allowance.unauthenticated", "{request}", "Members-only writes answered 401 before any allowance was looked at.");
}
