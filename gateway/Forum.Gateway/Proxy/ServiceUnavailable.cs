using System.Collections.Concurrent;
using Forum.ServiceDefaults.Telemetry;
using Yarp.ReverseProxy.Forwarder;

namespace Forum.Gateway.Proxy;

/// <summary>
/// When the service that owns a command cannot be reached (every replica down, refusing
/// connections or timing out), the caller gets a 503 problem with <c>Retry-After</c> at once,
/// rather than a bare 502 or a hang: the command was not carried out, and may be sent again.
/// The problem names the service, and says it is still starting when it has not answered this
/// gateway since the gateway started (the usual case right after a deployment or a local run).
/// The read side is not affected; it is served from the gateway's own read models.
/// </summary>
public static class ServiceUnavailable
{
    public const int RetryAfterSeconds = 5;

    public static IReverseProxyApplicationBuilder UseServiceUnavailableProblems(this IReverseProxyApplicationBuilder proxy)
    {
        var answered = proxy.ApplicationServices.GetRequiredService<ServicesThatAnswered>();
        proxy.Use(async (context, next) =>
        {
            await next();
            var cluster = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
            if (context.GetForwarderErrorFeature() is not { } failure)
            {
                answered.Record(cluster);
                return;
            }
            if (context.Response.HasStarted || !Unreachable(failure.Error))
            {
                return;
            }
            var starting = !answered.HasAnswered(cluster);
            ProxyMetrics.ServiceUnavailable.Add(1, new KeyValuePair<string, object?>("service", cluster));
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: starting ? $"The {cluster} service is still starting." : $"The {cluster} service is not available.",
                detail: starting
                    ? $"It has not answered since this gateway started. Nothing was changed. Try again in {RetryAfterSeconds} seconds."
                    : $"Nothing was changed. Try again in {RetryAfterSeconds} seconds.",
                extensions: new Dictionary<string, object?> { ["service"] = cluster, ["starting"] = starting }).ExecuteAsync(context);
        });
        return proxy;
    }

    private static bool Unreachable(ForwarderError error) => error is
        ForwarderError.NoAvailableDestinations or ForwarderError.Request or ForwarderError.RequestTimedOut;
}

/// <summary>The services that have answered a proxied command since this gateway started.</summary>
public sealed class ServicesThatAnswered
{
    private readonly ConcurrentDictionary<string, bool> _clusters = new(StringComparer.Ordinal);

    public void Record(string cluster) => _clusters.TryAdd(cluster, true);

    public bool HasAnswered(string cluster) => _clusters.ContainsKey(cluster);
}
