using System.Net;
using System.Security.Claims;
using Forum.Gateway.PageViews;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Gateway.Tests.Views;

/// <summary>
/// A viewer is a user id when signed in, else a salted hash of address and user agent: the same
/// reader gets the same key all day, another reader another key, and no key holds the address.
/// </summary>
public sealed class Keying_viewers
{
    private static readonly IPAddress Address = IPAddress.Parse("203.0.113.42");
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    private static (ViewerKeys Keys, FakeTimeProvider Clock) Make(string? secret = "bí mật chung của các bản sao")
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 23, 0, 0, TimeSpan.Zero));
        return (new ViewerKeys(Options.Create(new ViewCountingOptions { Secret = secret }), clock, NullLogger<ViewerKeys>.Instance), clock);
    }

    private static ClaimsPrincipal SignedIn(Guid id) => new(new ClaimsIdentity([new Claim("sub", id.ToString()), new Claim("name", "minh")], "Bearer"));

    [Fact]
    public void A_signed_in_reader_is_their_user_id_from_any_address_or_browser()
    {
        var (keys, _) = Make();
        var id = Guid.NewGuid();

        Assert.Equal("user:" + id.ToString("N"), keys.For(SignedIn(id), Address, Browser));
        Assert.Equal(keys.For(SignedIn(id), Address, Browser), keys.For(SignedIn(id), IPAddress.Loopback, "curl/8.5.0"));
    }

    [Fact]
    public void An_anonymous_reader_keeps_one_key_through_the_day_and_another_address_or_browser_is_another_reader()
    {
        var (keys, clock) = Make();
        var key = keys.For(Anonymous, Address, Browser);
        clock.Advance(TimeSpan.FromMinutes(59));

        Assert.StartsWith("anon:", key);
        Assert.Equal(key, keys.For(Anonymous, Address, Browser));
        Assert.Equal(key, keys.For(Anonymous, Address.MapToIPv6(), Browser));
        Assert.NotEqual(key, keys.For(Anonymous, IPAddress.Parse("203.0.113.43"), Browser));
        Assert.NotEqual(key, keys.For(Anonymous, Address, Browser + " Edg/131"));
    }

    [Fact]
    public void The_salt_changes_at_midnight_UTC_so_keys_of_different_days_cannot_be_linked()
    {
        var (keys, clock) = Make();
        var before = keys.For(Anonymous, Address, Browser);
        clock.Advance(TimeSpan.FromHours(1));

        Assert.NotEqual(before, keys.For(Anonymous, Address, Browser));
        Assert.NotEqual(ViewerKeys.DailySalt([1, 2, 3], new DateOnly(2026, 11, 28)), ViewerKeys.DailySalt([1, 2, 3], new DateOnly(2026, 11, 29)));
    }

    [Fact]
    public void Replicas_with_the_same_secret_agree_and_a_different_or_random_secret_gives_other_keys()
    {
        var (one, _) = Make();
        var (two, _) = Make();
        var (other, _) = Make("một bí mật khác");
        var (random, _) = Make(secret: null);

        Assert.Equal(one.For(Anonymous, Address, Browser), two.For(Anonymous, Address, Browser));
        Assert.NotEqual(one.For(Anonymous, Address, Browser), other.For(Anonymous, Address, Browser));
        Assert.NotEqual(one.For(Anonymous, Address, Browser), random.For(Anonymous, Address, Browser));
    }

    [Fact]
    public void No_key_contains_the_address_or_the_user_agent()
    {
        var (keys, _) = Make();
        var key = keys.For(Anonymous, Address, Browser);

        Assert.DoesNotContain("203.0.113", key);
        Assert.DoesNotContain("Firefox", key);
        Assert.InRange(key.Length, 40, 60);
    }
}
