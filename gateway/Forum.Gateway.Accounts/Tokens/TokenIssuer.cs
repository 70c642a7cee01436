using System.Security.Claims;
using Forum.ServiceDefaults.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Forum.Gateway.Accounts.Tokens;

/// <summary>A bearer token: what the services accept as proof of who is calling.</summary>
public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt);

/// <summary>Signs short-lived ES256 tokens for accounts with the gateway's private key.</summary>
public sealed class TokenIssuer(ForumAuthOptions options, NewMembers newMembers, TimeProvider clock)
{
    private readonly SigningCredentials _credentials = new(ForumKeys.SigningKey(options), ForumKeys.Algorithm);
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>The public half of the signing key, as published at /.well-known/jwks.json.</summary>
    public JsonWebKey PublicKey { get; } = PublicJsonWebKey(options);

    public IssuedToken Issue(Account account)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.TokenLifetime;
        var identity = new ClaimsIdentity(
        [
            new Claim(ForumClaims.UserId, account.Id.ToString()),
            new Claim(ForumClaims.UserName, account.UserName),
            new Claim(ForumClaims.IssuedAtTicks, now.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            .. account.Roles.Select(role => new Claim(ForumClaims.Role, role)),
            .. newMembers.ClaimFor(account) is { } newMember ? [newMember] : Array.Empty<Claim>(),
        ]);
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = identity,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _credentials,
        });
        return new IssuedToken(token, expires);
    }

    private static JsonWebKey PublicJsonWebKey(ForumAuthOptions options)
    {
        var validation = ForumKeys.ValidationKey(new ForumAuthOptions { PublicKey = options.PublicKey, SigningKey = options.SigningKey });
        var parameters = validation.ECDsa.ExportParameters(includePrivateParameters: false);
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(System.Security.Cryptography.ECDsa.Create(parameters)));
        jwk.KeyId = validation.KeyId;
        jwk.Use = "sig";
        jwk.Alg = ForumKeys.Algorithm;
        return jwk;
    }
}
