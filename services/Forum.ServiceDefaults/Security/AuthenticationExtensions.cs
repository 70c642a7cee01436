using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Forum.ServiceDefaults.Security;

/// <summary>
/// Every service validates bearer tokens itself, so a call that goes around the gateway gains
/// nothing: ES256 only, the forum's key, issuer, audience and expiry all checked.
/// </summary>
public static class AuthenticationExtensions
{
    public static AuthenticationBuilder AddForumAuthentication(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ForumAuthOptions.Section).Get<ForumAuthOptions>() ?? new ForumAuthOptions();
        builder.Services.AddSingleton(options);
        var key = ForumKeys.ValidationKey(options);

        builder.Services.AddAuthorizationBuilder()
            // A member is a person: a service's own token (role "service") never acts as one.
            .AddPolicy(ForumPolicies.Member, policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => !context.User.IsInRole(ForumClaims.Service)))
            .AddPolicy(ForumPolicies.Moderator, policy => policy.RequireRole(ForumClaims.Moderator, ForumClaims.Admin))
            .AddPolicy(ForumPolicies.Admin, policy => policy.RequireRole(ForumClaims.Admin))
            .AddPolicy(ForumPolicies.Service, policy => policy.RequireRole(ForumClaims.Service))
            .AddPolicy(ForumPolicies.EventHistory, policy => policy.RequireRole(ForumClaims.Admin, ForumClaims.Service))
            .AddPolicy(ForumPolicies.Reviewer, policy => policy.RequireRole(ForumClaims.Moderator, ForumClaims.Admin, ForumClaims.Service));

        return builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(bearer =>
            {
                bearer.MapInboundClaims = false;
                bearer.RequireHttpsMetadata = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    IssuerSigningKey = key,
                    // Pinned: a token claiming "none" or HS256 is refused whatever its signature says.
                    ValidAlgorithms = [ForumKeys.Algorithm],
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ValidateLifetime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = ForumClaims.UserName,
                    RoleClaimType = ForumClaims.Role,
                };
                bearer.Events = new JwtBearerEvents
                {
                    OnTokenValidated = RefuseSuspendedMembers,
                    OnChallenge = ExplainSuspension,
                };
            });
    }

    private const string SuspensionItem = "forum.suspension";

    /// <summary>The suspension that made this request's token be refused, if that is why it is anonymous.</summary>
    public static StandingRefusal? SuspensionOf(Microsoft.AspNetCore.Http.HttpContext context) =>
        context.Items[SuspensionItem] as StandingRefusal;

    /// <summary>Notes that the request's identity was refused for a suspension (the session cookie does the same).</summary>
    public static void NoteSuspension(Microsoft.AspNetCore.Http.HttpContext context, StandingRefusal refusal)
    {
        context.Items[SuspensionItem] = refusal;
        SuspendedRefused.Add(1);
    }

    private static readonly System.Diagnostics.Metrics.Counter<long> SuspendedRefused = Telemetry.ForumTelemetry.Meter.CreateCounter<long>(
        "forum.members.suspended_refused", "{request}", "Requests whose genuine token or session was refused because the member is suspended.");

    /// <summary>
    /// A genuine token of a suspended member is refused like a bad one: the request is anonymous.
    /// So is one issued before the member's password was reset or changed.
    /// </summary>
    private static Task RefuseSuspendedMembers(TokenValidatedContext context)
    {
        if (context.HttpContext.RequestServices.GetService<IMemberStanding>() is not { } standing
            || !Guid.TryParse(context.Principal?.FindFirst(ForumClaims.UserId)?.Value, out var accountId))
        {
            return Task.CompletedTask;
        }
        if (standing.RefusalFor(accountId) is { } refusal)
        {
            NoteSuspension(context.HttpContext, refusal);
            context.Fail("The member is suspended.");
        }
        else if (IssuedAt(context) is { } issuedAt && standing.IsRevoked(accountId, issuedAt))
        {
            RevokedRefused.Add(1);
            context.Fail("The token was revoked by a password change: sign in again.");
        }
        return Task.CompletedTask;
    }

    private static readonly System.Diagnostics.Metrics.Counter<long> RevokedRefused = Telemetry.ForumTelemetry.Meter.CreateCounter<long>(
        "forum.members.revoked_refused", "{request}", "Requests whose genuine token was refused because the member's password was reset or changed after it was issued.");

    /// <summary>When the token was issued, to the tick (its own claim; <c>iat</c> holds whole seconds only).</summary>
    private static DateTimeOffset? IssuedAt(TokenValidatedContext context) =>
        long.TryParse(context.Principal?.FindFirst(ForumClaims.IssuedAtTicks)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : context.SecurityToken.ValidFrom is { } from && from > DateTime.MinValue ? new DateTimeOffset(from, TimeSpan.Zero) : null;

    /// <summary>
    /// Where a suspended member's call needs a member, the answer is 403 with the reason and the end
    /// of the suspension, not a bare 401 that would send a client to sign in again.
    /// </summary>
    private static async Task ExplainSuspension(JwtBearerChallengeContext context)
    {
        if (SuspensionOf(context.HttpContext) is not { } refusal)
        {
            return;
        }
        context.HandleResponse();
        await WriteSuspendedAsync(context.HttpContext, refusal);
    }

    /// <summary>403 problem details saying that the account is suspended, why, and until when.</summary>
    public static Task WriteSuspendedAsync(Microsoft.AspNetCore.Http.HttpContext context, StandingRefusal refusal)
    {
        context.Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden;
        return context.RequestServices.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>().WriteAsync(new Microsoft.AspNetCore.Http.ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden,
                Title = "The account is suspended.",
                Detail = refusal.Until is { } until
                    ? $"Suspended until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC: {refusal.Reason}"
                    : $"Suspended for good: {refusal.Reason}",
                Extensions = { ["reason"] = refusal.Reason, ["suspendedUntil"] = refusal.Until },
            },
        }).AsTask();
    }
}
