using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Forum.Testing;

/// <summary>
/// An EC P-256 key pair for one test class: the gateway signs with the private half, the services
/// validate with the public half. Tests can also sign tokens themselves, good ones and bad ones.
/// </summary>
public sealed class TestSigningKey
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public string PrivateKeyPem => _key.ExportPkcs8PrivateKeyPem();

    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>A token as the gateway would make it, or with one thing wrong for a refusal test.</summary>
    public string Token(
        string userName, Guid? userId = null, IEnumerable<string>? roles = null, TimeSpan? lifetime = null,
        string issuer = "forum", string audience = "forum", DateTime? issuedAt = null)
    {
        var now = issuedAt ?? DateTime.UtcNow;
        var identity = new ClaimsIdentity(
        [
            new Claim("sub", (userId ?? Guid.NewGuid()).ToString()),
            new Claim("name", userName),
            .. (roles ?? []).Select(role => new Claim("role", role)),
        ]);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = identity,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(15)),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(_key), SecurityAlgorithms.EcdsaSha256),
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) claiming whatever it likes.</summary>
    public static string Unsigned(string userName, IEnumerable<string> roles)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("{\"alg\":\"none\",\"typ\":\"JWT\"}"));
        var payload = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(
            $"{{\"sub\":\"{Guid.NewGuid()}\",\"name\":\"{userName}\",\"role\":[{string.Join(',', roles.Select(r => $"\"{r}\""))}],\"iss\":\"forum\",\"aud\":\"forum\",\"iat\":{now},\"nbf\":{now},\"exp\":{now + 900}}}"));
        return $"{header}.{payload}.";
    }

    /// <summary>A genuine token whose payload was edited afterwards to claim roles it was not given.</summary>
    public static string WithForgedRoles(string token, IEnumerable<string> roles)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        var forged = payload.TrimEnd('}') + $",\"role\":[{string.Join(',', roles.Select(r => $"\"{r}\""))}]}}";
        return $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(forged))}.{parts[2]}";
    }
}
