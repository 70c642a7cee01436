using System.Net;
using Microsoft.AspNetCore.Http;

namespace Forum.ServiceDefaults.Telemetry;

/// <summary>Who may read <c>/metrics</c>: operators' scrapers, not the public.</summary>
public static class MetricsScraping
{
    /// <summary>
    /// The port on which operators' scrapers reach <c>/metrics</c>: a second listener (in
    /// <c>ASPNETCORE_HTTP_PORTS</c>) that no ingress or load balancer routes to. Without it, only
    /// callers on the machine itself read them (the local run, the bench).
    /// </summary>
    public const string ManagementPortSetting = "Forum:Management:Port";

    /// <summary>
    /// On the management port if there is one (the port the connection came in on, not the Host
    /// header, which the caller writes); otherwise from this machine, after a trusted proxy's
    /// <c>X-Forwarded-For</c> has named the real client.
    /// </summary>
    public static bool Allows(HttpContext context, int? managementPort) => managementPort is { } port
        ? context.Connection.LocalPort == port
        // No network peer at all (a Unix socket, a host in the same process) is this machine too.
        : context.Connection.RemoteIpAddress is not { } address || IPAddress.IsLoopback(address);
}
