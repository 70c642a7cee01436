namespace Forum.Gateway.Accounts.SigningIn;

/// <summary>Password sign-in, shared by the token API and the web form, with guessing slowed.</summary>
public static class SignIn
{
    /// <summary>The account, or null; and how long to wait first if this name has failed too often.</summary>
    public static async Task<(Account? Account, TimeSpan RetryAfter)> VerifyAsync(
        string userName, string password, AccountDirectory accounts, SignInThrottle throttle, CancellationToken cancellationToken)
    {
        var normalized = AccountRules.Normalize(userName);
        var wait = throttle.RetryAfter(normalized);
        if (wait > TimeSpan.Zero)
        {
            return (null, wait);
        }
        var account = await accounts.VerifyAsync(userName, password, cancellationToken);
        if (account is null)
        {
            throttle.Failed(normalized);
        }
        else
        {
            throttle.Succeeded(normalized);
        }
        return (account, TimeSpan.Zero);
    }
}
