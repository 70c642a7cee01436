using System.Diagnostics;

namespace Forum.Testing;

/// <summary>Where the real servers are: a PostgreSQL superuser connection and a RabbitMQ broker with its management API.</summary>
public sealed record InfrastructureEndpoints(string PostgresAdmin, Uri RabbitMq, Uri RabbitMqManagement);

/// <summary>
/// The real PostgreSQL and RabbitMQ every test in this run shares. <c>FORUM_TEST_POSTGRES</c>
/// (a connection string) and <c>FORUM_TEST_RABBITMQ</c> (an amqp:// URI; management API at
/// <c>FORUM_TEST_RABBITMQ_MANAGEMENT</c>, else port 15672 of the same host) name existing servers;
/// without them, private servers are started from the machine's binaries with the project's own
/// <c>deploy/local</c> scripts, on ports apart from a development run's.
/// </summary>
public static class TestInfrastructure
{
    private static readonly Lazy<Task<InfrastructureEndpoints>> Endpoints = new(StartAsync);

    public static Task<InfrastructureEndpoints> GetAsync() => Endpoints.Value;

    private static async Task<InfrastructureEndpoints> StartAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("FORUM_TEST_POSTGRES");
        var rabbit = Environment.GetEnvironmentVariable("FORUM_TEST_RABBITMQ");
        var management = Environment.GetEnvironmentVariable("FORUM_TEST_RABBITMQ_MANAGEMENT");

        var postgresTask = string.IsNullOrWhiteSpace(postgres) ? RunScriptAsync("postgres.sh", "start") : Task.FromResult(postgres);
        var rabbitTask = string.IsNullOrWhiteSpace(rabbit) ? RunScriptAsync("rabbitmq.sh", "start") : Task.FromResult(rabbit);
        postgres = await postgresTask;
        rabbit = await rabbitTask;

        if (string.IsNullOrWhiteSpace(management))
        {
            management = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("FORUM_TEST_RABBITMQ"))
                ? await RunScriptAsync("rabbitmq.sh", "mgmt-url")
                : new UriBuilder(rabbit) { Scheme = "http", Port = 15672, Path = "/" }.Uri.ToString();
        }
        // Without a database name PostgreSQL picks the user's; the maintenance database always exists.
        var admin = new Npgsql.NpgsqlConnectionStringBuilder(postgres);
        admin.Database ??= "postgres";
        return new InfrastructureEndpoints(admin.ConnectionString, new Uri(rabbit), new Uri(management));
    }

    /// <summary>The private servers of a test run live apart from a development run's: other ports (one list, shared with test.sh), other folder.</summary>
    private static IEnumerable<(string Name, string Value)> PrivateServerSettings() =>
        File.ReadLines(RepositoryPaths.InRepository("deploy", "local", "test-servers.env"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .Select(pair => (pair[0], pair[1]));

    private static Task<string> RunScriptAsync(string script, string verb)
    {
        var settings = new Dictionary<string, string>
        {
            ["FORUM_LOCAL_DIR"] = Environment.GetEnvironmentVariable("FORUM_LOCAL_DIR") ?? RepositoryPaths.InRepository(".local", "test"),
        };
        foreach (var (name, value) in PrivateServerSettings())
        {
            settings[name] = Environment.GetEnvironmentVariable(name) ?? value;
        }
        return RunScriptAsync(script, verb, settings);
    }

    /// <summary>Runs a <c>deploy/local</c> script with the given settings and returns the last line it printed.</summary>
    internal static async Task<string> RunScriptAsync(string script, string verb, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("bash", [RepositoryPaths.InRepository("deploy", "local", script), verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {script}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"deploy/local/{script} {verb} failed ({process.ExitCode}):\n{await errors}");
        }
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
    }
}
