using System.Security.Cryptography;
using System.Text;

namespace Forum.Posts.Posts.Idempotency;

/// <summary>
/// The first answer to a create that carried an <c>Idempotency-Key</c>, stored in the same
/// transaction as what it created, so a retry gets that answer instead of a second post.
/// Keys belong to their user: another user's key never collides.
/// </summary>
public sealed record IdempotentCreate(string Id, string RequestHash, Guid PostId, long Version, DateTimeOffset CreatedAt)
{
    public const int MaxKeyLength = 200;

    public static string IdFor(Guid userId, string key) => $"{userId:N}:{key}";

    /// <summary>A fingerprint of what was asked, to tell a true retry from a different request under the same key.</summary>
    public static string Hash(params string?[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001F', parts.Select(p => p ?? "\u0000")))));

    /// <summary>Visible ASCII, 1 to 200 characters, as the IETF draft's keys are.</summary>
    public static bool IsValidKey(string key) => key.Length is > 0 and <= MaxKeyLength && key.All(c => c is >= '!' and <= '~');
}
