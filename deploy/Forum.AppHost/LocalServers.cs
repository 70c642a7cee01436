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

    /// <summary>The local mail catcher's SMTP port (<c>Forum__SmtpPort</c>) and its inbox page (<c>Forum__MailInboxPort</c>).</summary>
    public int SmtpPort => Configuration.GetValue("Forum:SmtpPort", 2525);

    public int MailInboxPort => Configuration.GetValue("Forum:MailInboxPort", 8025);

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

    /// <summary>Where a local run keeps its data: <c>FORUM_LOCAL_DIR</c>, else <c>.local</c> in the repository.</summary>
    public string LocalDirectory(string appHostDirectory) =>
        Configuration["FORUM_LOCAL_DIR"] is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(appHostDirectory, "..", "..", ".local"));

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

    /// <summary>
    /// The token signing key of a local run: made on the first run and kept in the local data
    /// folder (git-ignored), so sign-ins survive a restart.
    /// </summary>
    public static (string PrivateKey, string PublicKey) LocalSigningKey(string localDirectory)
    {
        var folder = Path.Combine(localDirectory, "keys");
        var privatePath = Path.Combine(folder, "signing-key.pem");
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        if (File.Exists(privatePath))
        {
            key.ImportFromPem(File.ReadAllText(privatePath));
        }
        else
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(privatePath, key.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(privatePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        return (key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    }

    /// <summary>
    /// The secret the gateways derive the daily salt of anonymous viewer keys from, made once in
    /// the local folder: every gateway replica must use the same one, and it survives restarts.
    /// </summary>
    public static string LocalViewSecret(string localDirectory)
    {
        var folder = Path.Combine(localDirectory, "keys");
        var path = Path.Combine(folder, "views-secret");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        return File.ReadAllText(path).Trim();
    }

    /// <summary>
    /// After the AppHost has stopped its resources, stops the local servers once more and waits for
    /// them: RabbitMQ needs longer to shut down than the orchestrator waits, and nothing may outlive the run.
    /// </summary>
    public static void StopLocalServersWhenStopped(this DistributedApplication app, string appHostDirectory, params (string Script, Dictionary<string, string> Environment)[] servers)
    {
        var scripts = Path.GetFullPath(Path.Combine(appHostDirectory, "..", "local"));
        var localDir = app.Services.GetRequiredService<IConfiguration>()["FORUM_LOCAL_DIR"];
        app.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopped.Register(() =>
        {
            foreach (var (script, environment) in servers)
            {
                var stop = new System.Diagnostics.ProcessStartInfo("bash", [Path.Combine(scripts, script), "stop"]) { UseShellExecute = false };
                foreach (var (key, value) in environment)
                {
                    stop.Environment[key] = value;
                }
                if (!string.IsNullOrEmpty(localDir))
                {
                    stop.Environment["FORUM_LOCAL_DIR"] = localDir;
                }
                using var process = System.Diagnostics.Process.Start(stop);
                process?.WaitForExit(TimeSpan.FromSeconds(60));
            }
        });
    }

    /// <summary>
    /// One of the three services: its own database, the broker, the public key that lets it check
    /// tokens, a readiness check, and as many replicas as configured.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(
        this IDistributedApplicationBuilder builder, string name, LocalSettings settings,
        IResourceBuilder<ExecutableResource> postgres, IResourceBuilder<ExecutableResource> rabbitmq, string publicKey)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name)
            .WithHttpEndpoint()
            .WithHttpHealthCheck("/health/ready")
            .WithForumInfrastructure($"{name}-db", settings, postgres, rabbitmq)
            .WithEnvironment("Forum__Auth__PublicKey", publicKey)
            .WithReplicas(settings.Replicas(name));

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
