using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Forum.ServiceDefaults.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Forum.Gateway.PageViews;

/// <summary>
/// Who a viewer is, for counting them once per window: a signed-in reader by their user id; an
/// anonymous one by a salted hash of address and user agent. The salt is the HMAC of the
/// configured secret and the UTC date, so it changes at midnight and yesterday's keys cannot be
/// linked to today's. The address itself is used only to compute the hash, and is never kept.
/// </summary>
public sealed class ViewerKeys
{
    public const string UserPrefix = "user:";
    public const string AnonymousPrefix = "anon:";

    private readonly byte[] _secret;
    private readonly TimeProvider _clock;
    private DaySalt? _salt;

    public ViewerKeys(IOptions<ViewCountingOptions> options, TimeProvider clock, ILogger<ViewerKeys> logger)
    {
        _clock = clock;
        if (string.IsNullOrEmpty(options.Value.Secret))
        {
            _secret = RandomNumberGenerator.GetBytes(32);
            logger.LogInformation(
                "Forum:Views:Secret is not set; anonymous viewers are keyed with a random secret of this process. Give every gateway replica the same secret.");
        }
        else
        {
            _secret = Encoding.UTF8.GetBytes(options.Value.Secret);
        }
    }

    /// <summary>The viewer key of a request's reader.</summary>
    public string For(ClaimsPrincipal user, IPAddress? address, string? userAgent)
    {
        if (user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ForumClaims.UserId), out var userId))
        {
            return ForUser(userId);
        }
        return ForAnonymous(SaltFor(DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime)), address, userAgent);
    }

    public static string ForUser(Guid userId) => UserPrefix + userId.ToString("N");

    /// <summary>The key of an anonymous reader: HMAC-SHA-256 of address and user agent under the day's salt.</summary>
    public static string ForAnonymous(byte[] salt, IPAddress? address, string? userAgent)
    {
        // IPv4 and its IPv6-mapped form are the same reader.
        var ip = address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
        var mac = HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes($"{ip}\n{userAgent}"));
        return AnonymousPrefix + Base64UrlEncoder.Encode(mac);
    }

    /// <summary>The salt of one UTC day: HMAC-SHA-256 of the secret and the date.</summary>
    public static byte[] DailySalt(byte[] secret, DateOnly utcDay) =>
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes("forum view salt " + utcDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    private byte[] SaltFor(DateOnly day)
    {
        if (Volatile.Read(ref _salt) is { } current && current.Day == day)
        {
            return current.Salt;
        }
        var salt = DailySalt(_secret, day);
        Volatile.Write(ref _salt, new DaySalt(day, salt));
        return salt;
    }

    private sealed record DaySalt(DateOnly Day, byte[] Salt);
}
