using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Forum.ServiceDefaults.Security;

/// <summary>Loads the forum's ES256 keys from PEM and names them by their RFC 7638 thumbprint.</summary>
public static class ForumKeys
{
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;

    /// <summary>The key tokens are validated with, from <c>PublicKey</c> or else derived from <c>SigningKey</c>.</summary>
    public static ECDsaSecurityKey ValidationKey(ForumAuthOptions options)
    {
        var pem = options.PublicKey ?? options.SigningKey
            ?? throw new InvalidOperationException(
                $"{ForumAuthOptions.Section}:PublicKey is not set: a service needs the gateway's public key (PEM) to validate tokens.");
        return Load(pem, "PublicKey");
    }

    /// <summary>The private key the gateway signs with.</summary>
    public static ECDsaSecurityKey SigningKey(ForumAuthOptions options) =>
        Load(options.SigningKey ?? throw new InvalidOperationException(
            $"{ForumAuthOptions.Section}:SigningKey is not set: the gateway needs an EC P-256 private key (PEM) to sign tokens."), "SigningKey");

    /// <summary>A new EC P-256 key pair as PEM text (private, public).</summary>
    public static (string PrivateKey, string PublicKey) Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    }

    private static ECDsaSecurityKey Load(string pem, string name)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem.Replace("\\n", "\n", StringComparison.Ordinal));
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{ForumAuthOptions.Section}:{name} is not a PEM-encoded EC key.", e);
        }
        if (ecdsa.KeySize != 256)
        {
            throw new InvalidOperationException($"{ForumAuthOptions.Section}:{name} must be an EC P-256 key for ES256.");
        }
        var key = new ECDsaSecurityKey(ecdsa);
        var publicOnly = new ECDsaSecurityKey(ECDsa.Create(ecdsa.ExportParameters(includePrivateParameters: false)));
        key.KeyId = Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromECDsaSecurityKey(publicOnly).ComputeJwkThumbprint());
        return key;
    }
}
