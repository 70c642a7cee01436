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
            .AddPolicy(ForumPolicies.EventHistory, policy => policy.RequireRole(ForumClaims.Admin, ForumClaims.Service));

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
            });
    }
}
