using System.Diagnostics.Metrics;
using System.Net;
using Forum.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Logging;

namespace Forum.Gateway.Accounts.SigningIn;

/// <summary>Password sign-in, shared by the token API and the web form, with guessing slowed per name and address (<see cref="SignInThrottle"/>).</summary>
public sealed partial class SignIn(AccountDirectory accounts, SignInThrottle throttle, ILogger<SignIn> logger)
{
    private static readonly Counter<long> Attempts = ForumTelemetry.Meter.CreateCounter<long>("forum.accounts.sign_in.attempts", "{attempt}",
        "Password sign-ins, by outcome: succeeded, failed, or throttled (address: this address failed too often; account: the name is closed to new addresses).");

    /// <summary>The account, or null; and how long to wait first if this name failed too often from this address (or from everywhere).</summary>
    public async Task<(Account? Account, TimeSpan RetryAfter)> VerifyAsync(string userName, string password, IPAddress? address, CancellationToken cancellationToken)
    {
        using var activity = ForumTelemetry.Source.StartActivity("sign in");
        var normalized = AccountRules.Normalize(userName);
        var (wait, why) = throttle.RetryAfter(normalized, address);
        if (wait > TimeSpan.Zero)
        {
            Record(why == SignInWait.Address ? "throttled_address" : "throttled_account");
            return (null, wait);
        }
        var account = await accounts.VerifyAsync(userName, password, cancellationToken);
        if (account is null)
        {
            Record("failed");
            if (throttle.Failed(normalized, address))
            {
                Throttling(normalized, SignInThrottle.Masked(address));
            }
        }
        else
        {
            Record("succeeded");
            throttle.Succeeded(normalized, address);
        }
        return (account, TimeSpan.Zero);

        void Record(string outcome)
        {
            activity?.SetTag("forum.sign_in.outcome", outcome);
            Attempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-ins for {UserName} are slowed after repeated failures, the last from {Network}")]
    private partial void Throttling(string userName, string network);
}
