using Forum.Gateway.Accounts.SigningIn;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Gateway.Tests.Accounts;

/// <summary>After a few wrong passwords for one name, each further try waits longer.</summary>
public sealed class Slowing_password_guessing
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_first_failures_cost_nothing_then_the_wait_doubles()
    {
        var throttle = new SignInThrottle(_clock);
        for (var i = 0; i < SignInThrottle.FreeFailures - 1; i++)
        {
            throttle.Failed("minh");
            Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("minh"));
        }

        throttle.Failed("minh");
        Assert.Equal(TimeSpan.FromSeconds(2), throttle.RetryAfter("minh"));
        throttle.Failed("minh");
        Assert.Equal(TimeSpan.FromSeconds(4), throttle.RetryAfter("minh"));

        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.RetryAfter("minh"));
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("someone-else"));
    }

    [Fact]
    public void A_successful_sign_in_or_a_quiet_quarter_hour_forgives()
    {
        var throttle = new SignInThrottle(_clock);
        for (var i = 0; i < 8; i++)
        {
            throttle.Failed("minh");
            throttle.Failed("lan");
        }

        throttle.Succeeded("minh");
        _clock.Advance(TimeSpan.FromMinutes(16));

        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("minh"));
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("lan"));
    }
}
