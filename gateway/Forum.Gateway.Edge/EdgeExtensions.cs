using Forum.Gateway.Edge.Allowances;

namespace Forum.Gateway.Edge;

/// <summary>What guards and shapes every request at the gateway, added once by the host.</summary>
public static class EdgeExtensions
{
    public static IServiceCollection AddForumEdge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSessionAuthentication();
        SharedDataProtectionKeys.AddSharedDataProtectionKeys(services);
        services.AddTrustedProxies(configuration);
        services.AddForumRateLimits(configuration);
        services.AddReadersOutputCache();
        return services;
    }
}
