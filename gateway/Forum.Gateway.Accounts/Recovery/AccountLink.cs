using System.Security.Cryptography;
using System.Text;

namespace Forum.Gateway.Accounts.Recovery;

/// <summary>
/// A single-use link mailed to a member (verify an address, reset a password). The token is
/// only in the mail: what is stored is its SHA-256, so whoever reads the database cannot use a
/// link. A used link stays stored until it expires, so using it again is told apart from a made-up one.
/// </summary>
public sealed record AccountLink
{
    public const string VerifyEmail = "verify-email";
    public const string ResetPassword = "reset-password";

    /// <summary>The hex SHA-256 of the token.</summary>
    public string Id { get; init; } = "";

    public string Purpose { get; init; } = "";

    public Guid AccountId { get; init; }

    /// <summary>The address a verification link confirms.</summary>
    public string? Email { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? UsedAt { get; init; }

    /// <summary>A new token (to mail) and the link to store.</summary>
    public static (string Token, AccountLink Link) Create(string purpose, Guid accountId, string? email, DateTimeOffset expiresAt)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, new AccountLink { Id = HashOf(token), Purpose = purpose, AccountId = accountId, Email = email, ExpiresAt = expiresAt });
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A token as links carry it: 43 URL-safe characters.</summary>
    public static bool LooksLikeToken(string? token) => token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
