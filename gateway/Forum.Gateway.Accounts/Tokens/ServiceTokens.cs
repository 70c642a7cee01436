using Forum.ServiceDefaults.Security;

namespace Forum.Gateway.Accounts.Tokens;

/// <summary>
/// The gateway's own identity towards the services: a short-lived token with the role
/// <c>service</c>, signed with the gateway's key, renewed when a third of its life is left.
/// </summary>
public sealed class ServiceTokens(TokenIssuer issuer, ForumAuthOptions options, TimeProvider clock)
{
    /// <summary>The gateway as a caller; not an account, and no account can hold the service role.</summary>
    public static readonly Account Gateway = new()
    {
        Id = new Guid("6a7e0ba7-0000-4000-8000-00000000cafe"),
        UserName = "gateway",
        Roles = [ForumClaims.Service],
    };

    private IssuedToken? _token;

    public string Current()
    {
        var token = Volatile.Read(ref _token);
        if (token is null || token.ExpiresAt - clock.GetUtcNow() < options.TokenLifetime / 3)
        {
            token = issuer.Issue(Gateway);
            Volatile.Write(ref _token, token);
        }
        return token.AccessToken;
    }
}

/// <summary>
/// Gives every request of an HTTP client the gateway's service token, for the calls the gateway
/// makes as itself (view batches, the services' event feeds), never on a member's behalf.
/// </summary>
public sealed class ServiceTokenHandler(ServiceTokens tokens) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.Current());
        return base.SendAsync(request, cancellationToken);
    }
}
