namespace Forum.Gateway.Proxy;

/// <summary>
/// Commands go through to the service that owns them. Routes and clusters live in the
/// <c>ReverseProxy</c> configuration section; a cluster's address such as <c>http://posts</c> is
/// resolved by service discovery (<c>services:posts:http:0</c>, which the AppHost sets).
/// </summary>
public static class ProxyExtensions
{
    public static IHostApplicationBuilder AddCommandProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddServiceDiscovery();
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }
}
