using System.Text.RegularExpressions;
using Forum.Testing;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Forum.System.Tests.Deployment;

/// <summary>
/// docker-compose.yml cannot be run where there is no Docker engine, so it is checked by reading
/// it: every service is there, built from a project that exists, wired to its own database and
/// the broker, started only after them, health-checked, free to scale, and holding no secret
/// that is not either asked for or marked as a development default.
/// </summary>
public sealed partial class The_compose_file
{
    private static readonly Dictionary<string, string> Services = new()
    {
        ["posts"] = "services/posts/Forum.Posts",
        ["comments"] = "services/comments/Forum.Comments",
        ["engagement"] = "services/engagement/Forum.Engagement",
        ["notifications"] = "services/notifications/Forum.Notifications",
        ["gateway"] = "gateway/Forum.Gateway",
    };

    /// <summary>The only ports the compose run publishes, all on loopback.</summary>
    private static readonly Dictionary<string, string> PublishedPorts = new()
    {
        ["gateway"] = "127.0.0.1:8080:8080",
        ["dashboard"] = "127.0.0.1:18888:18888",
        ["rabbitmq"] = "127.0.0.1:15672:15672",
    };

    private static readonly Dictionary<string, object> Compose = Load();

    private static Dictionary<string, object> Load()
    {
        using var reader = File.OpenText(RepositoryPaths.InRepository("docker-compose.yml"));
        var document = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(reader)));
        return document.ToDictionary(e => e.Key.ToString()!, e => e.Value);
    }

    private static Dictionary<string, object> Section(object node) =>
        ((Dictionary<object, object>)node).ToDictionary(e => e.Key.ToString()!, e => e.Value);

    private static Dictionary<string, object> AllServices => Section(Compose["services"]);

    private static Dictionary<string, object> Service(string name) => Section(AllServices[name]);

    private static Dictionary<string, string> Environment(string name) =>
        Service(name).TryGetValue("environment", out var environment)
            ? Section(environment).ToDictionary(e => e.Key, e => e.Value?.ToString() ?? "")
            : [];

    [Theory]
    [InlineData("posts")]
    [InlineData("comments")]
    [InlineData("engagement")]
    [InlineData("notifications")]
    [InlineData("gateway")]
    public void Each_service_is_built_from_its_own_project_with_its_own_database_user_and_the_broker(string name)
    {
        var service = Service(name);
        var build = Section(service["build"]);
        var project = Section(build["args"])["PROJECT"].ToString()!;
        Assert.Equal(Services[name], project);
        Assert.True(Directory.Exists(RepositoryPaths.InRepository(project)), $"{project} does not exist");
        Assert.Equal("deploy/docker/Dockerfile", build["dockerfile"]);

        var environment = Environment(name);
        var database = environment[$"ConnectionStrings__{name}-db"];
        Assert.Contains($"Database=forum_{name};", database);
        Assert.Contains($"Username=forum_{name};", database);
        Assert.StartsWith("amqp://", environment["ConnectionStrings__rabbitmq"]);
        Assert.Contains("@rabbitmq:5672/", environment["ConnectionStrings__rabbitmq"]);
        Assert.Contains("FORUM_PUBLIC_KEY", environment["Forum__Auth__PublicKey"]);
        Assert.Equal("http://dashboard:18889", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        var dependsOn = Section(service["depends_on"]);
        Assert.Equal("service_healthy", Section(dependsOn["postgres"])["condition"]);
        Assert.Equal("service_healthy", Section(dependsOn["rabbitmq"])["condition"]);
    }

    [Theory]
    [InlineData("posts")]
    [InlineData("comments")]
    [InlineData("engagement")]
    [InlineData("notifications")]
    [InlineData("gateway")]
    public void A_service_user_password_is_the_one_the_init_script_gives_that_user(string name)
    {
        var password = PasswordPattern().Match(Environment(name)[$"ConnectionStrings__{name}-db"]).Groups["password"].Value;
        var variable = $"FORUM_{name.ToUpperInvariant()}_DB_PASSWORD";
        // The same variable with the same default on both sides: the user is created with the password the service uses.
        Assert.StartsWith("${" + variable + ":-", password);
        Assert.Equal(password, Environment("postgres")[variable]);
    }

    [Fact]
    public void Consumers_start_before_the_posts_service_publishes_its_first_events()
    {
        var posts = Section(Service("posts")["depends_on"]);
        foreach (var consumer in new[] { "gateway", "comments", "engagement", "notifications" })
        {
            Assert.Equal("service_healthy", Section(posts[consumer])["condition"]);
        }
        foreach (var consumer in new[] { "comments", "engagement", "notifications" })
        {
            Assert.Equal("service_healthy", Section(Section(Service(consumer)["depends_on"])["gateway"])["condition"]);
        }
    }

    [Fact]
    public void The_init_script_is_mounted_where_a_new_postgres_volume_runs_it()
    {
        var volumes = ((List<object>)Service("postgres")["volumes"]).Select(v => v.ToString()!).ToList();
        var mount = Assert.Single(volumes, v => v.Contains("/docker-entrypoint-initdb.d", StringComparison.Ordinal));
        var folder = mount.Split(':')[0];
        Assert.Equal("./deploy/docker/postgres", folder);
        Assert.True(File.Exists(RepositoryPaths.InRepository("deploy", "docker", "postgres", "init-databases.sh")));
        Assert.EndsWith(":ro", mount);
    }

    [Fact]
    public void Only_the_gateway_the_dashboard_and_the_RabbitMQ_UI_publish_ports_and_only_on_loopback()
    {
        foreach (var (name, node) in AllServices)
        {
            var service = Section(node);
            if (PublishedPorts.TryGetValue(name, out var expected))
            {
                Assert.Equal([expected], ((List<object>)service["ports"]).Select(p => p.ToString()));
            }
            else
            {
                Assert.False(service.ContainsKey("ports"), $"{name} publishes a port: it could not run twice on one host");
            }
        }
    }

    [Fact]
    public void Any_service_can_be_scaled_no_container_has_a_fixed_name_or_host_port()
    {
        foreach (var name in Services.Keys)
        {
            var service = Service(name);
            Assert.False(service.ContainsKey("container_name"), $"{name} has a fixed container name, so --scale {name}=3 fails");
            Assert.False(service.ContainsKey("network_mode"), $"{name} shares another network namespace, so its replicas would fight over a port");
        }
        foreach (var name in new[] { "posts", "comments", "engagement", "notifications" })
        {
            Assert.False(Service(name).ContainsKey("ports"), $"{name} publishes a host port, so a second replica could not start");
        }
    }

    [Fact]
    public void Every_service_but_the_dashboard_has_a_health_check()
    {
        var dockerfile = File.ReadAllText(RepositoryPaths.InRepository("deploy", "docker", "Dockerfile"));
        foreach (var (name, node) in AllServices)
        {
            var service = Section(node);
            if (service.ContainsKey("healthcheck"))
            {
                var test = ((List<object>)Section(service["healthcheck"])["test"]).Select(t => t.ToString()).ToList();
                Assert.True(test.Count >= 2 && test[0] is "CMD" or "CMD-SHELL", $"{name}'s health check runs nothing");
            }
            else if (service.ContainsKey("build"))
            {
                // Services built here take the image's own HEALTHCHECK (checked in The_container_image).
                Assert.Contains("HEALTHCHECK", dockerfile, StringComparison.Ordinal);
            }
            else
            {
                // The dashboard image has neither a shell nor a probe, and nothing depends on it.
                Assert.Equal("dashboard", name);
                Assert.DoesNotContain(AllServices.Values.Select(Section), s => s.TryGetValue("depends_on", out var d) && Section(d).ContainsKey("dashboard"));
            }
        }
    }

    [Fact]
    public void The_gateway_is_published_on_loopback_8080_and_finds_every_service()
    {
        var gateway = Service("gateway");
        Assert.Contains("127.0.0.1:8080:8080", ((List<object>)gateway["ports"]).Select(p => p.ToString()));
        var environment = Environment("gateway");
        Assert.Contains("FORUM_SIGNING_KEY", environment["Forum__Auth__SigningKey"]);
        Assert.Contains("FORUM_VIEWS_SECRET", environment["Forum__Views__Secret"]);
        foreach (var service in new[] { "posts", "comments", "engagement", "notifications" })
        {
            Assert.Equal($"http://{service}:8080", environment[$"services__{service}__http__0"]);
        }
    }

    [Fact]
    public void The_Aspire_dashboard_takes_the_telemetry_and_RabbitMQ_has_its_management_UI()
    {
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspire-dashboard:", Service("dashboard")["image"].ToString());
        Assert.Contains("management", Service("rabbitmq")["image"].ToString());
    }

    [Fact]
    public void Every_secret_is_asked_for_or_a_development_default_that_says_so()
    {
        var secretNames = new Regex("password|pass$|secret|key", RegexOptions.IgnoreCase);
        foreach (var name in AllServices.Keys)
        {
            foreach (var (key, value) in Environment(name))
            {
                var secretValues = new List<string>();
                if (secretNames.IsMatch(key))
                {
                    secretValues.Add(value);
                }
                secretValues.AddRange(PasswordPattern().Matches(value).Select(m => m.Groups["password"].Value));
                secretValues.AddRange(UriPasswordPattern().Matches(value).Select(m => m.Groups["password"].Value));

                foreach (var secret in secretValues)
                {
                    var reference = VariablePattern().Match(secret);
                    Assert.True(reference.Success && reference.Length == secret.Length, $"{name}: {key} holds a secret written into the file: {secret}");
                    var fallback = reference.Groups["default"].Value;
                    Assert.True(
                        reference.Groups["operator"].Value == ":?" || fallback.StartsWith("development-only", StringComparison.Ordinal),
                        $"{name}: {key} falls back to \"{fallback}\", which does not say it is a development default");
                }
            }
        }
        Assert.Contains("DEVELOPMENT DEFAULTS", File.ReadAllText(RepositoryPaths.InRepository("docker-compose.yml")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_script_writes_a_key_pair_the_services_can_load_and_every_secret_compose_asks_for()
    {
        var folder = Directory.CreateTempSubdirectory("forum-keys");
        var repository = Path.Combine(folder.FullName, "repo");
        Directory.CreateDirectory(Path.Combine(repository, "deploy", "docker"));
        File.Copy(RepositoryPaths.InRepository("deploy", "docker", "generate-keys.sh"), Path.Combine(repository, "deploy", "docker", "generate-keys.sh"));

        using var script = global::System.Diagnostics.Process.Start("bash", [Path.Combine(repository, "deploy", "docker", "generate-keys.sh")]);
        script.WaitForExit();
        Assert.Equal(0, script.ExitCode);

        var values = File.ReadAllLines(Path.Combine(repository, ".env"))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1].Trim('"').Replace("\\n", "\n", StringComparison.Ordinal));
        using var privateKey = global::System.Security.Cryptography.ECDsa.Create();
        privateKey.ImportFromPem(values["FORUM_SIGNING_KEY"]);
        using var publicKey = global::System.Security.Cryptography.ECDsa.Create();
        publicKey.ImportFromPem(values["FORUM_PUBLIC_KEY"]);
        var data = "xin chào"u8.ToArray();
        Assert.True(publicKey.VerifyData(data, privateKey.SignData(data, global::System.Security.Cryptography.HashAlgorithmName.SHA256), global::System.Security.Cryptography.HashAlgorithmName.SHA256));

        // Every variable the compose file reads has a value in .env, so no development default is used.
        var variables = VariablePattern().Matches(File.ReadAllText(RepositoryPaths.InRepository("docker-compose.yml")))
            .Select(m => m.Groups["name"].Value).Distinct();
        foreach (var variable in variables)
        {
            Assert.True(values.ContainsKey(variable), $"generate-keys.sh does not write {variable}");
            Assert.True(values[variable].Length >= 32, $"{variable} is too short to be a secret");
        }
        folder.Delete(recursive: true);
    }

    [Fact]
    public void PostgreSQL_and_RabbitMQ_have_health_checks_and_durable_volumes()
    {
        foreach (var name in new[] { "postgres", "rabbitmq" })
        {
            var server = Service(name);
            Assert.True(server.ContainsKey("healthcheck"), $"{name} has no health check");
            Assert.Contains((List<object>)server["volumes"], v => v.ToString()!.StartsWith($"{name}-data:", StringComparison.Ordinal));
        }
    }

    [GeneratedRegex(@"Password=(?<password>[^;]*)")]
    private static partial Regex PasswordPattern();

    [GeneratedRegex(@"amqp://[^:/@]+:(?<password>[^@]*)@")]
    private static partial Regex UriPasswordPattern();

    [GeneratedRegex(@"\$\{(?<name>[A-Z_]+)(?<operator>:[-?])(?<default>[^}]*)\}")]
    private static partial Regex VariablePattern();
}
