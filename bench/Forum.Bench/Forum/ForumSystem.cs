using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Forum.Bench.Forum;

/// <summary>Where the run's servers are and which ports its processes take.</summary>
/// <param name="SeedKey">Names the code and seed plan that a kept snapshot of the seeded databases belongs to; null keeps none.</param>
/// <param name="Fresh">Seed afresh even when a matching snapshot is kept.</param>
public sealed record BenchSettings(
    string PostgresAdmin, Uri RabbitMq, Uri RabbitMqManagement, int BasePort, string RepositoryRoot, string LogDirectory, string? SeedKey, bool Fresh, bool Quick)
{
    public int GatewayPort => BasePort;
    public int PostsPort => BasePort + 1;
    public int CommentsPort => BasePort + 2;
    public int EngagementPort => BasePort + 3;
    public int ReferencePort => BasePort + 4;
    public int GatewayReplicaPort => BasePort + 5;
    public int NotificationsPort => BasePort + 6;
}

/// <summary>
/// The whole forum as Release processes in their normal configuration, on fresh databases and a
/// fresh RabbitMQ virtual host of the run's private servers, plus the reference server. Beyond the
/// wiring (keys, view secret, the admin's name) only two settings differ from a local run: the
/// rate limits are lifted, since the defaults (e.g. 3 comments per user per 10 s) would measure
/// the limiter, not the forum; and tokens live two hours, so the seed's last the whole run.
/// </summary>
public sealed class ForumSystem : IAsyncDisposable
{
    public const string AdminName = "bench_admin";
    private static readonly string[] Services = ["posts", "comments", "engagement", "notifications", "gateway"];

    private readonly BenchSettings _settings;
    private readonly string _virtualHost = "bench-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
    private readonly List<ServiceProcess> _processes = [];
    private Dictionary<string, string> _gatewayEnvironment = [];

    public ForumSystem(BenchSettings settings) => _settings = settings;

    public ServiceProcess Gateway { get; private set; } = null!;
    public ServiceProcess Posts { get; private set; } = null!;
    public ServiceProcess Comments { get; private set; } = null!;
    public ServiceProcess Engagement { get; private set; } = null!;
    public ServiceProcess Notifications { get; private set; } = null!;
    public ServiceProcess Reference { get; private set; } = null!;

    public IReadOnlyList<ServiceProcess> ForumProcesses => [Gateway, Posts, Comments, Engagement, Notifications];

    public string DatabaseConnection(string service) =>
        new NpgsqlConnectionStringBuilder(_settings.PostgresAdmin) { Database = "bench_" + service }.ConnectionString;

    /// <summary>The server's own <c>postgres</c> database, to create and drop the run's databases from.</summary>
    public string MaintenanceConnection =>
        new NpgsqlConnectionStringBuilder(_settings.PostgresAdmin) { Database = "postgres" }.ConnectionString;

    /// <summary>The kept seed's databases: one set for the full plan, one for --quick.</summary>
    private string SnapshotPrefix => _settings.Quick ? "bench_seed_quick_" : "bench_seed_full_";

    /// <summary>True when the databases were copied from the kept snapshot of an earlier run's seed.</summary>
    public bool Restored { get; private set; }

    public async Task StartAsync()
    {
        await CreateDatabasesAsync();
        await CreateVirtualHostAsync();

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__rabbitmq"] = new UriBuilder(_settings.RabbitMq) { Path = "/" + _virtualHost }.Uri.ToString(),
            ["Forum__Auth__PublicKey"] = key.ExportSubjectPublicKeyInfoPem(),
        };
        Dictionary<string, string> For(string service, Dictionary<string, string>? extra = null)
        {
            var environment = new Dictionary<string, string>(common) { [$"ConnectionStrings__{service}-db"] = DatabaseConnection(service) };
            foreach (var (name, value) in extra ?? [])
            {
                environment[name] = value;
            }
            return environment;
        }

        var gatewaySettings = new Dictionary<string, string>
        {
            ["services__posts__http__0"] = $"http://127.0.0.1:{_settings.PostsPort}",
            ["services__comments__http__0"] = $"http://127.0.0.1:{_settings.CommentsPort}",
            ["services__engagement__http__0"] = $"http://127.0.0.1:{_settings.EngagementPort}",
            // A signed-in member's pages ask it for their bell and watch buttons.
            ["services__notifications__http__0"] = $"http://127.0.0.1:{_settings.NotificationsPort}",
            ["Forum__Auth__SigningKey"] = key.ExportPkcs8PrivateKeyPem(),
            ["Forum__Auth__TokenLifetime"] = "02:00:00",
            ["Forum__Admins"] = AdminName,
            ["Forum__Views__Secret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            // The seeded accounts are minutes old: as new members they would be held to a post in two minutes.
            ["Forum__NewMembers__Period"] = "00:00:00",
        };
        foreach (var limit in new[] { "Posting", "Commenting", "Liking", "Uploading", "Registering", "SigningIn" })
        {
            gatewaySettings[$"Forum__RateLimits__{limit}__PermitLimit"] = "100000000";
        }

        _gatewayEnvironment = For("gateway", gatewaySettings);
        Gateway = Add("gateway", "gateway/Forum.Gateway", _settings.GatewayPort, _gatewayEnvironment);
        Comments = Add("comments", "services/comments/Forum.Comments", _settings.CommentsPort, For("comments"));
        Engagement = Add("engagement", "services/engagement/Forum.Engagement", _settings.EngagementPort, For("engagement"));
        Notifications = Add("notifications", "services/notifications/Forum.Notifications", _settings.NotificationsPort, For("notifications"));
        Posts = Add("posts", "services/posts/Forum.Posts", _settings.PostsPort, For("posts"));
        var bench = typeof(ForumSystem).Assembly.Location;
        Reference = new ServiceProcess("reference", bench, Path.GetDirectoryName(bench)!, _settings.ReferencePort,
            new Dictionary<string, string>(), _settings.LogDirectory, "reference", "--port", _settings.ReferencePort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _processes.Add(Reference);

        // One at a time, so each start-up time is the service's own and not a fight for the two
        // cores; consumers before the posts service, whose default boards are published at once.
        foreach (var service in new[] { Gateway, Comments, Engagement, Notifications, Posts, Reference })
        {
            await service.StartAndWaitAsync(TimeSpan.FromSeconds(120));
            Console.WriteLine($"  {service.Name,-10} ready in {service.StartUpTime!.Value.TotalSeconds:N2} s");
        }
    }

    /// <summary>
    /// A second gateway, a replica of the first on the same databases and broker with some settings
    /// of its own, for a figure that compares the two in one run; the caller stops it.
    /// </summary>
    public async Task<ServiceProcess> StartGatewayReplicaAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>(_gatewayEnvironment);
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }
        var replica = Add(name, "gateway/Forum.Gateway", _settings.GatewayReplicaPort, environment);
        await replica.StartAndWaitAsync(TimeSpan.FromSeconds(120));
        return replica;
    }

    private ServiceProcess Add(string name, string projectDirectory, int port, Dictionary<string, string> environment)
    {
        var folder = Path.Combine(_settings.RepositoryRoot, projectDirectory);
        var assembly = Path.Combine(folder, "bin", "Release", "net10.0", Path.GetFileName(projectDirectory) + ".dll");
        var process = new ServiceProcess(name, assembly, folder, port, environment, _settings.LogDirectory);
        _processes.Add(process);
        return process;
    }

    /// <summary>
    /// Fresh databases for the run: empty ones, or copies of the kept snapshot when it was made by
    /// the same code from the same seed plan (a PostgreSQL template copy takes seconds; seeding
    /// through the APIs takes minutes on two cores).
    /// </summary>
    private async Task CreateDatabasesAsync()
    {
        await using var connection = new NpgsqlConnection(MaintenanceConnection);
        await connection.OpenAsync();
        Restored = false;
        if (_settings.SeedKey is { } seedKey && !_settings.Fresh)
        {
            await using var kept = new NpgsqlCommand(
                $"select count(*) from pg_database where datname like '{SnapshotPrefix}%' and shobj_description(oid, 'pg_database') = $1", connection);
            kept.Parameters.Add(new NpgsqlParameter<string> { TypedValue = seedKey });
            Restored = (long)(await kept.ExecuteScalarAsync())! == Services.Length;
        }
        foreach (var service in Services)
        {
            await ExecuteAsync(connection, $"drop database if exists bench_{service} with (force)");
            await ExecuteAsync(connection, $"create database bench_{service} encoding 'UTF8' " + (Restored ? $"template {SnapshotPrefix}{service}" : "template template0"));
        }
    }

    /// <summary>
    /// After seeding: stops the services, keeps a copy of their databases as the snapshot for later
    /// runs (when the run has a seed key), and starts them again, which measures start-up on a
    /// seeded database.
    /// </summary>
    public async Task SnapshotAndRestartAsync()
    {
        var services = new[] { Gateway, Comments, Engagement, Notifications, Posts };
        foreach (var service in services)
        {
            await service.StopAsync(TimeSpan.FromSeconds(30));
        }
        if (_settings.SeedKey is { } seedKey)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(MaintenanceConnection);
            await connection.OpenAsync();
            foreach (var service in Services)
            {
                await ExecuteAsync(connection, $"drop database if exists {SnapshotPrefix}{service} with (force)");
                await ExecuteAsync(connection, $"create database {SnapshotPrefix}{service} template bench_{service}");
                await ExecuteAsync(connection, $"comment on database {SnapshotPrefix}{service} is '{seedKey.Replace("'", "", StringComparison.Ordinal)}'");
            }
        }
        // Consumers before the posts service, as at the first start.
        foreach (var service in services)
        {
            await service.StartAndWaitAsync(TimeSpan.FromSeconds(120));
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task CreateVirtualHostAsync()
    {
        using var management = ManagementClient();
        (await management.PutAsync($"api/vhosts/{_virtualHost}", null)).EnsureSuccessStatusCode();
        var user = Uri.UnescapeDataString(_settings.RabbitMq.UserInfo.Split(':')[0]);
        (await management.PutAsJsonAsync($"api/permissions/{_virtualHost}/{user}", new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
    }

    private HttpClient ManagementClient()
    {
        var uri = _settings.RabbitMqManagement;
        var userInfo = string.IsNullOrEmpty(uri.UserInfo) ? _settings.RabbitMq.UserInfo : uri.UserInfo;
        var client = new HttpClient { BaseAddress = new UriBuilder(uri) { UserName = "", Password = "", Path = "/" }.Uri };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(userInfo))));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_processes.Select(p => p.DisposeAsync().AsTask()));
        try
        {
            using var management = ManagementClient();
            await management.DeleteAsync($"api/vhosts/{_virtualHost}");
        }
        catch (HttpRequestException)
        {
            // The broker is stopped by run.sh right after; its data folder is the run's own.
        }
    }
}
