using Forum.Testing;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Forum.System.Tests.Deployment;

/// <summary>
/// docker-compose.yml cannot be run where there is no Docker engine, so it is checked by reading
/// it: every service is there, built from a project that exists, wired to its own database and
/// the broker, and started only after them.
/// </summary>
public sealed class The_compose_file
{
    private static readonly Dictionary<string, string> Services = new()
    {
        ["posts"] = "services/posts/Forum.Posts",
        ["comments"] = "services/comments/Forum.Comments",
        ["engagement"] = "services/engagement/Forum.Engagement",
        ["gateway"] = "gateway/Forum.Gateway",
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

    private static Dictionary<string, object> Service(string name) => Section(Section(Compose["services"])[name]);

    [Theory]
    [InlineData("posts")]
    [InlineData("comments")]
    [InlineData("engagement")]
    [InlineData("gateway")]
    public void Each_service_is_built_from_its_own_project_with_its_own_database_and_the_broker(string name)
    {
        var service = Service(name);
        var build = Section(service["build"]);
        var project = Section(build["args"])["PROJECT"].ToString()!;
        Assert.Equal(Services[name], project);
        Assert.True(Directory.Exists(RepositoryPaths.InRepository(project)), $"{project} does not exist");
        Assert.True(File.Exists(RepositoryPaths.InRepository(build["dockerfile"].ToString()!)));

        var environment = Section(service["environment"]);
        Assert.Contains($"Database=forum_{name}", environment[$"ConnectionStrings__{name}-db"].ToString());
        Assert.StartsWith("amqp://", environment["ConnectionStrings__rabbitmq"].ToString());
        Assert.Contains("FORUM_PUBLIC_KEY", environment["Forum__Auth__PublicKey"].ToString());

        var dependsOn = Section(service["depends_on"]);
        Assert.Equal("service_healthy", Section(dependsOn["postgres"])["condition"]);
        Assert.Equal("service_healthy", Section(dependsOn["rabbitmq"])["condition"]);
    }

    [Fact]
    public void The_gateway_is_published_on_loopback_8080_and_finds_every_service()
    {
        var gateway = Service("gateway");
        Assert.Contains("127.0.0.1:8080:8080", ((List<object>)gateway["ports"]).Select(p => p.ToString()));
        var environment = Section(gateway["environment"]);
        Assert.Contains("FORUM_SIGNING_KEY", environment["Forum__Auth__SigningKey"].ToString());
        foreach (var service in new[] { "posts", "comments", "engagement" })
        {
            Assert.Equal($"http://{service}:8080", environment[$"services__{service}__http__0"]);
        }
    }

    [Fact]
    public void The_key_script_writes_a_key_pair_the_services_can_load()
    {
        var folder = Directory.CreateTempSubdirectory("forum-keys");
        var repository = Path.Combine(folder.FullName, "repo");
        Directory.CreateDirectory(Path.Combine(repository, "deploy", "docker"));
        File.Copy(RepositoryPaths.InRepository("deploy", "docker", "generate-keys.sh"), Path.Combine(repository, "deploy", "docker", "generate-keys.sh"));

        using var script = global::System.Diagnostics.Process.Start("bash", [Path.Combine(repository, "deploy", "docker", "generate-keys.sh")]);
        script.WaitForExit();

        var values = File.ReadAllLines(Path.Combine(repository, ".env"))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1].Trim('"').Replace("\\n", "\n", StringComparison.Ordinal));
        using var privateKey = global::System.Security.Cryptography.ECDsa.Create();
        privateKey.ImportFromPem(values["FORUM_SIGNING_KEY"]);
        using var publicKey = global::System.Security.Cryptography.ECDsa.Create();
        publicKey.ImportFromPem(values["FORUM_PUBLIC_KEY"]);
        var data = "xin chào"u8.ToArray();
        Assert.True(publicKey.VerifyData(data, privateKey.SignData(data, global::System.Security.Cryptography.HashAlgorithmName.SHA256), global::System.Security.Cryptography.HashAlgorithmName.SHA256));
        folder.Delete(recursive: true);
    }

    [Fact]
    public void PostgreSQL_and_RabbitMQ_have_health_checks_and_durable_volumes()
    {
        foreach (var name in new[] { "postgres", "rabbitmq" })
        {
            var server = Service(name);
            Assert.True(server.ContainsKey("healthcheck"), $"{name} has no health check");
            Assert.NotEmpty((List<object>)server["volumes"]);
        }
    }
}
