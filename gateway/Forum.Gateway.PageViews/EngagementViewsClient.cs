using System.Net;
using System.Net.Http.Json;

namespace Forum.Gateway.PageViews;

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
/// <remarks>The client named <see cref="HttpClientName"/> carries the gateway's service token (the host adds it).</remarks>
public sealed class EngagementViewsClient(IHttpClientFactory clients, ILogger<EngagementViewsClient> logger)
{
    public const string HttpClientName = "engagement-views";
    public const string BatchPath = "/internal/view-batches";

    public async Task<BatchDelivery> SendAsync(ViewBatch batch, CancellationToken cancellationToken)
    {
        using var http = clients.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, BatchPath) { Content = JsonContent.Create(batch) };
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
