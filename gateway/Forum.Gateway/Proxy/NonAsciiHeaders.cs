namespace Forum.Gateway.Proxy;

/// <summary>
/// A header value outside ASCII cannot be passed on to a service (HTTP clients, the proxy's
/// included, refuse to send one), so forwarding it would fail and look like the service being
/// down (503). It is the caller's mistake: refuse it with a 400 problem naming the header.
/// </summary>
public static class NonAsciiHeaders
{
    public static IReverseProxyApplicationBuilder UseNonAsciiHeaderRefusal(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            foreach (var (name, values) in context.Request.Headers)
            {
                if (values.Any(value => value is not null && value.Any(c => c > '\u007f')))
                {
                    await TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A header holds characters outside ASCII.",
                        detail: $"The header {name} cannot be passed on; send header values in ASCII (percent-encode anything else).").ExecuteAsync(context);
                    return;
                }
            }
            await next();
        });
        return proxy;
    }
}
