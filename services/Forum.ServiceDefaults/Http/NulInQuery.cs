using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Forum.ServiceDefaults.Http;

/// <summary>
/// Refuses a query string that holds a NUL (<c>%00</c>) with a 400 problem detail. No parameter of
/// the forum may hold one (control characters are refused everywhere), and PostgreSQL cannot store
/// or compare text that does, so such a value would otherwise fail deep inside a query as a 500.
/// Kestrel already refuses a NUL in the path.
/// </summary>
public static class NulInQuery
{
    public static IApplicationBuilder UseNulInQueryRefusal(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true)
            {
                await TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The query string holds a NUL character.",
                    detail: "Control characters are not accepted in any parameter.").ExecuteAsync(context);
                return;
            }
            await next();
        });
}
