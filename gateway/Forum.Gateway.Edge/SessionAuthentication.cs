using System.Globalization;
using System.Security.Claims;
using Forum.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Forum.Gateway.Edge;

/// <summary>
/// The gateway accepts two kinds of identity: a bearer token (API clients), and the web UI's
/// cookie session. A request with an <c>Authorization</c> header is judged by its token alone.
/// </summary>
public static class SessionAuthentication
{
    public const string CookieScheme = "session";
    public const string EitherScheme = "bearer-or-session";
    public const string CookieName = "forum.session";

    public static IServiceCollection AddSessionAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = EitherScheme;
                options.DefaultChallengeScheme = EitherScheme;
            })
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/account/sign-in";
                cookie.AccessDeniedPath = "/account/sign-in";
                // An API call is answered 401/403, never redirected to a page.
                // A suspended member's session stops working at once (and works again when the
                // suspension ends or is lifted): the cookie stays, the request is anonymous.
                cookie.Events.OnValidatePrincipal = RefuseSuspendedMembers;
                cookie.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
            })
            .AddPolicyScheme(EitherScheme, "Bearer token or session cookie", policy =>
                policy.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.Count > 0 ? JwtBearerDefaults.AuthenticationScheme : CookieScheme);

        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = "X-CSRF-TOKEN";
            antiforgery.Cookie.Name = "forum.antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        });
        return services;
    }

    private static async Task RefuseSuspendedMembers(CookieValidatePrincipalContext context)
    {
        if (!Guid.TryParse(context.Principal?.FindFirst(ForumClaims.UserId)?.Value, out var accountId))
        {
            return;
        }
        if (context.HttpContext.RequestServices.GetService<IMemberStanding>() is { } standing && standing.RefusalFor(accountId) is { } refusal)
        {
            AuthenticationExtensions.NoteSuspension(context.HttpContext, refusal);
            context.RejectPrincipal();
            return;
        }
        // A password reset or change ends every session begun before it: the cookie is dropped.
        if (context.HttpContext.RequestServices.GetService<ISessionCheck>() is { } sessions
            && !await sessions.IsCurrentAsync(context.HttpContext, accountId, SessionStart(context.Principal!, context.Properties)))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        }
    }

    private static Task Refuse(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            if (AuthenticationExtensions.SuspensionOf(context.HttpContext) is { } suspension)
            {
                return AuthenticationExtensions.WriteSuspendedAsync(context.HttpContext, suspension);
            }
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }

    /// <summary>The claim a session cookie carries its exact start in (the cookie's own issue time is kept to the second).</summary>
    public const string StartedClaim = "session_started";

    /// <summary>The claim that dates a session begun now.</summary>
    public static Claim Started(DateTimeOffset now) => new(StartedClaim, now.UtcTicks.ToString(CultureInfo.InvariantCulture));

    private static DateTimeOffset SessionStart(ClaimsPrincipal principal, AuthenticationProperties properties) =>
        long.TryParse(principal.FindFirst(StartedClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : properties.IssuedUtc ?? DateTimeOffset.MinValue;

    /// <summary>True when the request is authenticated by the session cookie (not by a token).</summary>
    public static bool IsSessionRequest(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.Request.Headers.Authorization.Count == 0;

    /// <summary>The account id a session names.</summary>
    public static Guid? SessionAccountId(HttpContext context) =>
        Guid.TryParse(context.User.FindFirst(ForumClaims.UserId)?.Value, out var id) ? id : null;
}

/// <summary>Whether a web session begun at a time still counts for its account (the accounts decide).</summary>
public interface ISessionCheck
{
    /// <remarks>What it reads to decide may be kept for the rest of the request (the session's account, read once).</remarks>
    Task<bool> IsCurrentAsync(HttpContext context, Guid accountId, DateTimeOffset startedAt);
}
