using Npgsql;

namespace Forum.Testing;

/// <summary>
/// A PostgreSQL and a RabbitMQ of one test class's own, started with the project's
/// <c>deploy/local</c> scripts in a folder of their own and on free ports: a test that stops and
/// restarts its servers (the fault suite) must not pull them from under every other test.
/// </summary>
public sealed class PrivateServers : IAsyncDisposable
{
    private readonly Dictionary<string, string> _settings;

    private PrivateServers(string folder)
    {
        Folder = folder;
        _settings = new Dictionary<string, string>
        {
            ["FORUM_LOCAL_DIR"] = folder,
            ["FORUM_PG_PORT"] = Port(),
            ["FORUM_RABBITMQ_PORT"] = Port(),
            ["FORUM_RABBITMQ_DIST_PORT"] = Port(),
            ["FORUM_RABBITMQ_MANAGEMENT_PORT"] = Port(),
            ["FORUM_EPMD_PORT"] = Port(),
        };
    }

    /// <summary>Where the servers keep their data and logs.</summary>
    public string Folder { get; }

    public InfrastructureEndpoints Endpoints { get; private set; } = null!;

    public static async Task<PrivateServers> StartAsync()
    {
        var servers = new PrivateServers(Path.Combine(Path.GetTempPath(), "forum-" + Guid.NewGuid().ToString("N")[..10]));
        try
        {
            var postgres = servers.StartPostgresAsync();
            var rabbit = TestInfrastructure.RunScriptAsync("rabbitmq.sh", "start", servers._settings);
            var admin = new NpgsqlConnectionStringBuilder(await postgres) { Database = "postgres" };
            var amqp = new Uri(await rabbit);
            var management = new Uri(await TestInfrastructure.RunScriptAsync("rabbitmq.sh", "mgmt-url", servers._settings));
            servers.Endpoints = new InfrastructureEndpoints(admin.ConnectionString, amqp, management);
            return servers;
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fast shutdown: open connections are cut, as when the database server goes away.</summary>
    public Task StopPostgresAsync() => TestInfrastructure.RunScriptAsync("postgres.sh", "stop", _settings);

    public Task<string> StartPostgresAsync() => TestInfrastructure.RunScriptAsync("postgres.sh", "start", _settings);

    /// <summary>Stops the broker node; durable queues and their messages survive it.</summary>
    public Task StopRabbitMqAsync() => TestInfrastructure.RunScriptAsync("rabbitmq.sh", "stop", _settings);

    public Task StartRabbitMqAsync() => TestInfrastructure.RunScriptAsync("rabbitmq.sh", "start", _settings);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Task.WhenAll(
            Quietly(TestInfrastructure.RunScriptAsync("rabbitmq.sh", "stop", _settings)),
            Quietly(StopPostgresAsync()));
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (InvalidOperationException)
        {
            // Already stopped, or never started: nothing to clean up.
        }
    }

    private static string Port() => ServiceProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
