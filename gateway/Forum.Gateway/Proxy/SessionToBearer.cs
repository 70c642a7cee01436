using Forum.Gateway.Accounts;
using Forum.Gateway.Accounts.Tokens;
using Forum.Gateway.Edge;
using Microsoft.AspNetCore.Antiforgery;

namespace Forum.Gateway.Proxy;

/// <summary>
/// The web UI's cookie session becomes a bearer token on its way to a service, so services know
/// one kind of identity. The token is made from the account as it is now: a revoked role or a
/// removed account stops working at once. A session call that changes state must prove it
/// comes from our own pages (antiforgery token), or it is refused.
/// </summary>
public static class SessionToBearer
{
    public static IReverseProxyApplicationBuilder UseSessionToBearer(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            if (SessionAuthentication.IsSessionRequest(context) && SessionAuthentication.SessionAccountId(context) is { } accountId)
            {
                if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
                {
                    context.Request.EnableBuffering();
                    var valid = await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
                    context.Request.Body.Position = 0;
                    if (!valid)
                    {
                        await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing or invalid antiforgery token.",
                            detail: "A request made with the sign-in cookie must carry the X-CSRF-TOKEN header from the page.").ExecuteAsync(context);
                        return;
                    }
                }

                var account = await context.RequestServices.GetRequiredService<AccountDirectory>().FindAsync(accountId, context.RequestAborted);
                if (account is null)
                {
                    await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The account no longer exists.").ExecuteAsync(context);
                    return;
                }
                var token = context.RequestServices.GetRequiredService<TokenIssuer>().Issue(account);
                context.Request.Headers.Authorization = "Bearer " + token.AccessToken;
            }
            await next();
        });
        return proxy;
    }
}
