using System.Net;
using Forum.Gateway.Accounts.SigningIn;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Gateway.Tests.Accounts;

/// <summary>
/// After a few wrong passwords for one name from one address, each further try from there waits
/// longer; other addresses are not slowed, so a stranger cannot lock a member out, until a
/// spread-out attack passes a ceiling far above any person's mistakes.
/// </summary>
public sealed class Slowing_password_guessing
{
    private static readonly IPAddress Guesser = IPAddress.Parse("198.51.100.7");
    private static readonly IPAddress Member = IPAddress.Parse("203.0.113.9");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_first_failures_cost_nothing_then_the_wait_doubles_for_that_address_only()
    {
        var throttle = new SignInThrottle(_clock);
        for (var i = 0; i < SignInThrottle.FreeFailures - 1; i++)
        {
            throttle.Failed("minh", Guesser);
            Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("minh", Guesser).RetryAfter);
        }

        Assert.True(throttle.Failed("minh", Guesser), "The failure that starts slowing is reported, for the log.");
        Assert.Equal((TimeSpan.FromSeconds(2), SignInWait.Address), throttle.RetryAfter("minh", Guesser));
        throttle.Failed("minh", Guesser);
        Assert.Equal(TimeSpan.FromSeconds(4), throttle.RetryAfter("minh", Guesser).RetryAfter);

        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.RetryAfter("minh", Guesser).RetryAfter);
        Assert.Equal((TimeSpan.Zero, SignInWait.None), throttle.RetryAfter("minh", Member));
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("someone-else", Guesser).RetryAfter);
    }

    [Fact]
    public void A_successful_sign_in_or_a_quiet_quarter_hour_forgives()
    {
        var throttle = new SignInThrottle(_clock);
        for (var i = 0; i < 8; i++)
        {
            throttle.Failed("minh", Member);
            throttle.Failed("lan", Guesser);
        }

        throttle.Succeeded("minh", Member);
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("minh", Member).RetryAfter);
        Assert.NotEqual(TimeSpan.Zero, throttle.RetryAfter("lan", Guesser).RetryAfter);
        _clock.Advance(TimeSpan.FromMinutes(16));

        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("lan", Guesser).RetryAfter);
        throttle.Failed("lan", Guesser);
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("lan", Guesser).RetryAfter);
    }

    [Fact]
    public void Guessing_from_many_addresses_closes_the_name_to_new_addresses_but_not_to_one_that_signed_in_before()
    {
        var throttle = new SignInThrottle(_clock);
        var home = IPAddress.Parse("2001:db8:1:2::10");
        throttle.Succeeded("minh", home);
        for (var i = 0; i < SignInThrottle.AccountCeiling - 1; i++)
        {
            throttle.Failed("minh", IPAddress.Parse($"198.51.{i / 200}.{i % 200 + 1}"));
        }
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("minh", Member).RetryAfter);

        Assert.True(throttle.Failed("minh", IPAddress.Parse("192.0.2.1")), "Reaching the ceiling is reported, for the log.");

        Assert.Equal((SignInThrottle.Forgiveness, SignInWait.Account), throttle.RetryAfter("minh", Member));
        // Another address of the same IPv6 network as the one that signed in before is that household.
        Assert.Equal((TimeSpan.Zero, SignInWait.None), throttle.RetryAfter("minh", IPAddress.Parse("2001:db8:1:2::99")));
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("lan", Member).RetryAfter);
        _clock.Advance(SignInThrottle.Forgiveness + TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("minh", Member).RetryAfter);
    }

    [Theory]
    [InlineData("203.0.113.9", "203.0.113.0/24")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.0/24")]
    [InlineData("2001:db8:abcd:12:1:2:3:4", "2001:db8:abcd::/48")]
    public void Logs_show_the_network_never_the_address(string address, string logged) =>
        Assert.Equal(logged, SignInThrottle.Masked(IPAddress.Parse(address)));
}
