using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Testing;

/// <summary>Reads a host's endpoints to find what changes state without asking who is calling.</summary>
public static class EndpointAudit
{
    private static readonly HashSet<string> ReadOnlyMethods = new(StringComparer.OrdinalIgnoreCase) { "GET", "HEAD", "OPTIONS" };

    /// <summary>
    /// Every endpoint that accepts a state-changing method and requires no authorization, as
    /// "METHOD /route". Routes the gateway proxies are left out: the service behind them decides.
    /// </summary>
    public static IReadOnlyList<string> AnonymousStateChangingEndpoints(IServiceProvider services) =>
        services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(endpoint => !endpoint.Metadata.Any(m => m.GetType().FullName == "Yarp.ReverseProxy.Model.RouteModel"))
            .Where(endpoint => endpoint.Metadata.GetMetadata<IAuthorizeData>() is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .SelectMany(endpoint => Methods(endpoint)
                .Where(method => !ReadOnlyMethods.Contains(method))
                .Select(method => $"{method} /{endpoint.RoutePattern.RawText?.TrimStart('/')}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The methods an endpoint answers; a Razor page answers those it has handlers for.</summary>
    private static IEnumerable<string> Methods(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is { } methods)
        {
            return methods.HttpMethods;
        }
        if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is { } page)
        {
            return page.HandlerMethods.Select(handler => handler.HttpMethod.ToUpperInvariant()).Distinct();
        }
        return ["*"];
    }
}
