using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Forum.Gateway.Accounts;
using Forum.Gateway.Accounts.Tokens;
using Forum.ServiceDefaults.Security;

namespace Forum.Gateway.Views;

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

/// <summary>What became of one delivery of a batch.</summary>
public enum BatchDelivery
{
    /// <summary>Counted now, or counted before (a redelivery).</summary>
    Acknowledged,

    /// <summary>The service was away, failed, or is busy: send the same batch again.</summary>
    Failed,

    /// <summary>The service says the batch itself is wrong: sending it again would not help.</summary>
    Refused,
}

/// <summary>Sends view batches straight to the engagement service (not through the broker).</summary>
public sealed class EngagementViewsClient(IHttpClientFactory clients, ServiceTokens tokens, ILogger<EngagementViewsClient> logger)
{
    public const string HttpClientName = "engagement-views";
    public const string BatchPath = "/internal/view-batches";

    public async Task<BatchDelivery> SendAsync(ViewBatch batch, CancellationToken cancellationToken)
    {
        using var http = clients.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, BatchPath) { Content = JsonContent.Create(batch) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Current());
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return BatchDelivery.Acknowledged;
            }
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge)
            {
                logger.LogError("The engagement service refused view batch {BatchId} of {Hits} hits: {Problem}",
                    batch.BatchId, batch.Hits.Count, await response.Content.ReadAsStringAsync(cancellationToken));
                return BatchDelivery.Refused;
            }
            logger.LogWarning("View batch {BatchId} not acknowledged: {Status}", batch.BatchId, (int)response.StatusCode);
            return BatchDelivery.Failed;
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("View batch {BatchId} not delivered: {Error}", batch.BatchId, e.Message);
            return BatchDelivery.Failed;
        }
    }
}
