namespace Forum.Gateway.Edge;

/// <summary>
/// Headers that make a browser refuse what the forum never does: inline or foreign script,
/// being framed, sniffing content types, leaking full URLs to other sites.
/// </summary>
public static class SecurityHeaders
{
    // blob: in img-src: the composer shows a chosen image before it is uploaded, from an object
    // URL its own script made of the file; nothing from elsewhere can be named that way.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseForumSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
            }
            return Task.CompletedTask;
        });
        await next(context);
    });
}
