using Forum.Gateway.Edge.Allowances;

namespace Forum.Gateway.Proxy;

/// <summary>
/// Commands go through to the service that owns them. Routes and clusters live in the
/// <c>ReverseProxy</c> configuration section; a cluster's address such as <c>http://posts</c> is
/// resolved by service discovery (<c>services:posts:http:0</c>, <c>…:1</c> for a second replica,
/// which the AppHost sets): each replica is a destination, balanced by "power of two choices",
/// and a replica that fails its health checks stops receiving commands until it recovers.
/// </summary>
public static class ProxyExtensions
{
    public static IHostApplicationBuilder AddCommandProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddServiceDiscovery();
        builder.Services.AddSingleton<ServicesThatAnswered>();
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver()
            // A replica that is gone refuses at once or is given up on quickly, and the next request
            // goes to another (passive and active health checks in the clusters' configuration).
            .ConfigureHttpClient((_, handler) => handler.ConnectTimeout = TimeSpan.FromSeconds(2));
        return builder;
    }

    /// <summary>Routes every command to its service, the session turned into a bearer token on the way.</summary>
    public static IEndpointRouteBuilder MapCommandProxy(this IEndpointRouteBuilder app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.UseNonAsciiHeaderRefusal();
            proxy.UseSessionToBearer();
            proxy.UseServiceUnavailableProblems();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        })
        // A route's rate limit is named in its metadata ("RateLimit": "posting") and held by the
        // edge's shared allowances, the same as for the gateway's own endpoints.
        .ConfigureEndpoints((endpoint, route) =>
        {
            if (route.Metadata?.TryGetValue(RateLimits.RouteMetadataKey, out var policy) == true)
            {
                endpoint.RequireAllowance(policy);
            }
        });
        return app;
    }
}
