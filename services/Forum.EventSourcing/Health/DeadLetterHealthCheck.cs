using Forum.ServiceDefaults.Telemetry;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Forum.EventSourcing.Health;

/// <summary>
/// Events set aside as dead letters (ones the forwarder could not read or map) make the service
/// Degraded, not Unhealthy: it still serves and forwards everything else, but an operator must
/// look at <c>mt_doc_deadletterevent</c>. The count is also the <c>forum.events.dead_letters</c> gauge.
/// </summary>
internal sealed class DeadLetterHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (store.Storage.Database is not IEventDatabase database)
        {
            return HealthCheckResult.Healthy();
        }
        var stored = (await database.FetchDeadLetterCountsAsync(cancellationToken)).Sum(shard => shard.Count);
        EventStoreMetrics.StoredDeadLetters = stored;
        var data = new Dictionary<string, object> { ["deadLetters"] = stored };
        return stored == 0
            ? HealthCheckResult.Healthy("No event has been set aside.", data)
            : HealthCheckResult.Degraded($"{stored} stored events could not be forwarded and were set aside as dead letters.", data: data);
    }
}
