using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Forum.Gateway.Edge;

/// <summary>
/// Behind an ingress or load balancer, the client's address arrives in <c>X-Forwarded-For</c>.
/// It is believed only from the proxies named in <c>Forum:TrustedProxies</c> (addresses or
/// CIDR networks), because anyone else could write it to dodge the per-address rate limits or
/// pose as another viewer. With none named, the connection's own address is used.
/// </summary>
public static class TrustedProxies
{
    public const string Section = "Forum:TrustedProxies";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var trusted = configuration.GetSection(Section).Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var entry in trusted)
            {
                if (entry.Contains('/'))
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                }
                else
                {
                    options.KnownProxies.Add(IPAddress.Parse(entry));
                }
            }
        });
        return services;
    }
}
