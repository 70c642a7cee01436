using System.Diagnostics;
using Forum.Testing;
using Npgsql;

namespace Forum.System.Tests.Deployment;

/// <summary>
/// deploy/docker/postgres/init-databases.sh is what the postgres image runs on a new volume. It
/// runs here the same way, as the superuser on a new, empty PostgreSQL cluster of its own (the
/// script makes roles, which belong to a whole server, so it must not touch the shared one).
/// </summary>
public sealed class The_database_init_script : IAsyncLifetime
{
    private static readonly string[] Services = ["posts", "comments", "engagement", "notifications", "gateway"];

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("forum-initdb");
    private readonly int _port = ServiceProcess.FreePort();
    private string _superuser = "";

    public async Task InitializeAsync()
    {
        // The local scripts set the folder up for the postgres user, who must be able to reach it.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_folder.FullName, (UnixFileMode)0b111_101_101);
        }
        _superuser = (await RunAsync("bash", [RepositoryPaths.InRepository("deploy", "local", "postgres.sh"), "start"], ServerEnvironment()))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
    }

    public async Task DisposeAsync()
    {
        await RunAsync("bash", [RepositoryPaths.InRepository("deploy", "local", "postgres.sh"), "stop"], ServerEnvironment());
        _folder.Delete(recursive: true);
    }

    private Dictionary<string, string> ServerEnvironment() => new()
    {
        ["FORUM_LOCAL_DIR"] = _folder.FullName,
        ["FORUM_PG_PORT"] = _port.ToString(global::System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string Password(string service) => $"development-only-{service}-{service.Length}";

    private string ConnectionFor(string service, string database) =>
        new NpgsqlConnectionStringBuilder(_superuser) { Username = $"forum_{service}", Password = Password(service), Database = database, Pooling = false }.ConnectionString;

    [Fact]
    public async Task Creates_the_five_databases_each_owned_by_its_own_user_who_can_reach_no_other()
    {
        var admin = new NpgsqlConnectionStringBuilder(_superuser);
        var environment = new Dictionary<string, string>
        {
            ["PGHOST"] = admin.Host!,
            ["PGPORT"] = admin.Port.ToString(global::System.Globalization.CultureInfo.InvariantCulture),
            ["PGPASSWORD"] = admin.Password!,
            ["POSTGRES_USER"] = admin.Username!,
        };
        foreach (var service in Services.Where(s => s != "gateway"))
        {
            environment[$"FORUM_{service.ToUpperInvariant()}_DB_PASSWORD"] = Password(service);
        }
        // A password may equally come from a file, as a Docker secret does.
        var passwordFile = Path.Combine(_folder.FullName, "gateway-db-password");
        await File.WriteAllTextAsync(passwordFile, Password("gateway"));
        environment["FORUM_GATEWAY_DB_PASSWORD_FILE"] = passwordFile;

        await RunAsync("bash", [RepositoryPaths.InRepository("deploy", "docker", "postgres", "init-databases.sh")], environment);

        foreach (var service in Services)
        {
            await using (var own = new NpgsqlConnection(ConnectionFor(service, $"forum_{service}")))
            {
                await own.OpenAsync();
                await using var command = new NpgsqlCommand("select pg_catalog.pg_get_userbyid(datdba) from pg_database where datname = current_database(); create schema forum", own);
                Assert.Equal($"forum_{service}", await command.ExecuteScalarAsync());
            }
            foreach (var other in Services.Where(s => s != service))
            {
                await using var foreign = new NpgsqlConnection(ConnectionFor(service, $"forum_{other}"));
                var refused = await Assert.ThrowsAsync<PostgresException>(() => foreign.OpenAsync());
                Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
            }
            await using var superuser = new NpgsqlConnection(ConnectionFor(service, "postgres"));
            await superuser.OpenAsync();
            await using var isSuperuser = new NpgsqlCommand("select rolsuper from pg_roles where rolname = current_user", superuser);
            Assert.False((bool)(await isSuperuser.ExecuteScalarAsync())!);
        }

        // Search's extensions are there, so the gateway's own user needs no superuser rights.
        await using var gateway = new NpgsqlConnection(ConnectionFor("gateway", "forum_gateway"));
        await gateway.OpenAsync();
        await using var unaccent = new NpgsqlCommand("select public.unaccent('Tin tức'), public.similarity('한국생활', '한국')", gateway);
        await using var reader = await unaccent.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("Tin tuc", reader.GetString(0));
        Assert.True(reader.GetFloat(1) > 0);
    }

    private static async Task<string> RunAsync(string file, string[] arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await errors}");
        return await output;
    }
}
