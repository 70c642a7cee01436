using Forum.ServiceDefaults.Telemetry;
using Yarp.ReverseProxy.Forwarder;

namespace Forum.Gateway.Proxy;

/// <summary>
/// When the service that owns a command cannot be reached (every replica down, refusing
/// connections or timing out), the caller gets a 503 problem with <c>Retry-After</c> at once,
/// rather than a bare 502 or a hang: the command was not carried out, and may be sent again.
/// The read side is not affected; it is served from the gateway's own read models.
/// </summary>
public static class ServiceUnavailable
{
    public const int RetryAfterSeconds = 5;

    public static IReverseProxyApplicationBuilder UseServiceUnavailableProblems(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            await next();
            if (context.GetForwarderErrorFeature() is not { } failure || context.Response.HasStarted || !Unreachable(failure.Error))
            {
                return;
            }
            var cluster = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
            ForumTelemetry.ServiceUnavailable.Add(1, new KeyValuePair<string, object?>("service", cluster));
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: $"The {cluster} service is not available.",
                detail: $"Nothing was changed. Try again in {RetryAfterSeconds} seconds.").ExecuteAsync(context);
        });
        return proxy;
    }

    private static bool Unreachable(ForwarderError error) => error is
        ForwarderError.NoAvailableDestinations or ForwarderError.Request or ForwarderError.RequestTimedOut;
}
