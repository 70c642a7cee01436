using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Forum.Posts.Boards;

/// <summary>A board is named in URLs by its slug: lower-case ASCII letters, digits and single hyphens.</summary>
public static partial class BoardSlug
{
    public const int MaxLength = 64;

    public static bool IsValid(string? slug) => slug is not null && Pattern().IsMatch(slug);

    /// <summary>
    /// The board's stream id, derived from its slug: two boards with one slug would be one stream,
    /// so the event store itself keeps slugs unique.
    /// </summary>
    public static Guid StreamId(string slug)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("forum-board:" + slug));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5 (name-based)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    [GeneratedRegex("^(?=.{1,64}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}
