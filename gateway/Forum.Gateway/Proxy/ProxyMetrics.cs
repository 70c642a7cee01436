using System.Diagnostics.Metrics;
using Forum.ServiceDefaults.Telemetry;

namespace Forum.Gateway.Proxy;

/// <summary>What the command proxy reports under the forum's meter.</summary>
public static class ProxyMetrics
{
    public static readonly Counter<long> ServiceUnavailable =
        ForumTelemetry.Meter.CreateCounter<long>("forum.gateway.service_unavailable", "{request}", "Commands the gateway answered 503 because their service could not be reached.");
}
