namespace Forum.ServiceDefaults.Security;

/// <summary>
/// <c>Forum:Auth</c>: how tokens are signed (gateway) and validated (every service). Keys are PEM
/// text: the gateway holds the EC P-256 private key, the services only the public key, so a
/// service can check a token but never make one.
/// </summary>
public sealed class ForumAuthOptions
{
    public const string Section = "Forum:Auth";

    public string Issuer { get; set; } = "forum";

    public string Audience { get; set; } = "forum";

    /// <summary>The EC P-256 private key (PEM) the gateway signs tokens with.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The public key (PEM) tokens are validated with; derived from <see cref="SigningKey"/> when absent.</summary>
    public string? PublicKey { get; set; }

    /// <summary>How long a bearer token is valid. Short: a revoked role stops working soon after.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
