using Forum.Testing;

namespace Forum.System.Tests.Faults;

/// <summary>
/// Two replicas of each service and of the gateway on a PostgreSQL and a RabbitMQ of their own:
/// the fault suite stops and restarts those servers, which the other tests of the run share.
/// </summary>
public sealed class ForumOnItsOwnServers : ForumSystem
{
    private PrivateServers? _servers;

    protected override int Replicas => 2;

    // The suite kills and restarts the services that take writes and views; notifications only
    // consumes. One replica keeps the two cores as busy as the suite was measured under.
    protected override int NotificationsReplicaCount => 1;

    public PrivateServers Servers => _servers ?? throw new InvalidOperationException("Not initialised yet.");

    protected override async Task<InfrastructureEndpoints> ServersAsync()
    {
        _servers = await PrivateServers.StartAsync();
        return _servers.Endpoints;
    }

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            if (_servers is not null)
            {
                await _servers.DisposeAsync();
            }
        }
    }
}
