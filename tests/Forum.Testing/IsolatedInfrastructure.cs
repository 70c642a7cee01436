using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Npgsql;
using Xunit;

namespace Forum.Testing;

/// <summary>
/// A test class's own slice of the real servers: fresh databases and a fresh RabbitMQ virtual
/// host, so classes run in parallel without seeing each other, and all of it removed afterwards.
/// </summary>
public class IsolatedInfrastructure : IAsyncLifetime
{
    private readonly List<string> _databases = [];
    private InfrastructureEndpoints? _endpoints;
    private string? _virtualHost;

    /// <summary>A short unique name for this class's resources.</summary>
    public string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..10];

    public InfrastructureEndpoints Endpoints => _endpoints ?? throw new InvalidOperationException("Not initialised yet.");

    /// <summary>This class's own RabbitMQ virtual host.</summary>
    public string VirtualHost => _virtualHost ?? throw new InvalidOperationException("Not initialised yet.");

    /// <summary>The broker, inside this class's own virtual host.</summary>
    public Uri RabbitMq => new UriBuilder(Endpoints.RabbitMq) { Path = "/" + _virtualHost }.Uri;

    public virtual async Task InitializeAsync()
    {
        _endpoints = await ServersAsync();
        _virtualHost = Prefix;
        using var management = ManagementClient();
        var created = await management.PutAsync($"api/vhosts/{_virtualHost}", null);
        created.EnsureSuccessStatusCode();
        var user = Uri.UnescapeDataString(Endpoints.RabbitMq.UserInfo.Split(':')[0]);
        var granted = await management.PutAsJsonAsync($"api/permissions/{_virtualHost}/{user}", new { configure = ".*", write = ".*", read = ".*" });
        granted.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// The servers this class works on: by default the ones every test in the run shares. A class
    /// that stops and starts its servers (the fault suite) brings servers of its own.
    /// </summary>
    protected virtual Task<InfrastructureEndpoints> ServersAsync() => TestInfrastructure.GetAsync();

    /// <summary>Creates an empty database for this class and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"{Prefix}_{purpose.Replace('-', '_')}";
        await using (var connection = new NpgsqlConnection(Endpoints.PostgresAdmin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"create database \"{name}\" encoding 'UTF8' template template0", connection);
            await command.ExecuteNonQueryAsync();
        }
        lock (_databases)
        {
            _databases.Add(name);
        }
        return new NpgsqlConnectionStringBuilder(Endpoints.PostgresAdmin) { Database = name }.ConnectionString;
    }

    public virtual async Task DisposeAsync()
    {
        if (_endpoints is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(Endpoints.PostgresAdmin))
        {
            await connection.OpenAsync();
            foreach (var name in _databases)
            {
                await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
        if (_virtualHost is not null)
        {
            using var management = ManagementClient();
            await management.DeleteAsync($"api/vhosts/{_virtualHost}");
        }
    }

    /// <summary>A client of the broker's management API, signed in as the test user.</summary>
    public HttpClient ManagementClient()
    {
        var uri = Endpoints.RabbitMqManagement;
        var userInfo = string.IsNullOrEmpty(uri.UserInfo) ? Endpoints.RabbitMq.UserInfo : uri.UserInfo;
        var client = new HttpClient { BaseAddress = new UriBuilder(uri) { UserName = "", Password = "", Path = "/" }.Uri };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(userInfo))));
        return client;
    }
}
