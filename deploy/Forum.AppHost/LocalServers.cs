using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Forum.AppHost;

/// <summary>
/// The ports and names of a local run, from configuration (<c>Forum:*</c>, e.g. the environment
/// variable <c>Forum__GatewayPort=8081</c>), with defaults that keep clear of system services.
/// </summary>
internal sealed record LocalSettings(IConfiguration Configuration, int PostgresPort, int RabbitMqPort, int GatewayPort)
{
    public static LocalSettings From(IConfiguration configuration) => new(
        configuration,
        configuration.GetValue("Forum:PostgresPort", 55432),
        configuration.GetValue("Forum:RabbitMqPort", 55672),
        configuration.GetValue("Forum:GatewayPort", 8080));

    public Dictionary<string, string> PostgresEnvironment => new()
    {
        ["FORUM_PG_PORT"] = PostgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public Dictionary<string, string> RabbitMqEnvironment => new()
    {
        ["FORUM_RABBITMQ_PORT"] = RabbitMqPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["FORUM_RABBITMQ_DIST_PORT"] = Configuration.GetValue("Forum:RabbitMqDistPort", RabbitMqPort + 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["FORUM_RABBITMQ_MANAGEMENT_PORT"] = Configuration.GetValue("Forum:RabbitMqManagementPort", RabbitMqPort + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["FORUM_EPMD_PORT"] = Configuration.GetValue("Forum:EpmdPort", 54369).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public string DatabaseConnection(string database) =>
        $"Host=127.0.0.1;Port={PostgresPort};Database={database};Username=forum;Password=forum";

    public string RabbitMqConnection => $"amqp://guest:guest@127.0.0.1:{RabbitMqPort}/";

    /// <summary>How many replicas of a service to run: <c>Forum:Replicas:comments=3</c>.</summary>
    public int Replicas(string service) => Math.Max(1, Configuration.GetValue($"Forum:Replicas:{service}", 1));
}

internal static class LocalServers
{
    /// <summary>
    /// A server started from the machine's own binaries by the project's script in
    /// <c>deploy/local</c>, in the foreground so the AppHost owns it and stops it. It counts as
    /// healthy once its port accepts connections, so services that wait for it really wait.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddLocalServer(
        this IDistributedApplicationBuilder builder, string name, string script, int port, Dictionary<string, string> environment)
    {
        var scripts = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "local"));
        var healthCheck = $"{name}-accepts-connections";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, async cancellationToken =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (SocketException exception)
            {
                return HealthCheckResult.Unhealthy($"Nothing accepts connections on port {port} yet.", exception);
            }
        });

        var server = builder.AddExecutable(name, "bash", scripts, Path.Combine(scripts, script), "run")
            .WithHealthCheck(healthCheck);
        if (builder.Configuration["FORUM_LOCAL_DIR"] is { Length: > 0 } localDir)
        {
            server.WithEnvironment("FORUM_LOCAL_DIR", localDir);
        }
        foreach (var (key, value) in environment)
        {
            server.WithEnvironment(key, value);
        }
        return server;
    }

    /// <summary>Gives a service its own database and the broker, and starts it only once both accept connections.</summary>
    public static IResourceBuilder<ProjectResource> WithForumInfrastructure(
        this IResourceBuilder<ProjectResource> service, string connectionName, LocalSettings settings,
        IResourceBuilder<ExecutableResource> postgres, IResourceBuilder<ExecutableResource> rabbitmq) =>
        service
            .WithEnvironment($"ConnectionStrings__{connectionName}", settings.DatabaseConnection("forum_" + connectionName.Replace("-db", "", StringComparison.Ordinal)))
            .WithEnvironment("ConnectionStrings__rabbitmq", settings.RabbitMqConnection)
            .WaitFor(postgres)
            .WaitFor(rabbitmq);
}
