using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Forum.Testing;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Forum.System.Tests.Deployment;

/// <summary>
/// deploy/k8s cannot be applied where there is no cluster, so the small overlay is rendered the
/// way <c>kubectl apply -k</c> would render it (<c>kubectl kustomize</c>, with secrets made by its
/// own script) and what it promises is read from the result.
/// </summary>
public sealed partial class The_kubernetes_manifests
{
    private static readonly string[] Workloads = ["posts", "comments", "engagement", "notifications", "gateway"];

    private static readonly Lazy<List<Dictionary<string, object>>> Rendered = new(Render);

    private static List<Dictionary<string, object>> Resources => Rendered.Value;

    private static List<Dictionary<string, object>> Render()
    {
        var kubectl = Kubectl();
        // A copy, so the secrets made for the test never land in the work tree.
        var folder = Directory.CreateTempSubdirectory("forum-k8s");
        try
        {
            var copy = Path.Combine(folder.FullName, "k8s");
            CopyTree(RepositoryPaths.InRepository("deploy", "k8s"), copy);
            var overlay = Path.Combine(copy, "overlays", "small");
            Run("bash", [Path.Combine(overlay, "generate-secrets.sh")]);
            var yaml = Run(kubectl, ["kustomize", overlay]);
            return ParseDocuments(yaml);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>kubectl renders kustomize exactly as a cluster operator's kubectl will; without it the check cannot be made.</summary>
    private static string Kubectl()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, "kubectl"))
            .FirstOrDefault(File.Exists);
        return path ?? throw new InvalidOperationException(
            "kubectl is not installed, and the Kubernetes manifests are checked by rendering them with `kubectl kustomize` " +
            "(kustomize v5, as in kubectl 1.27 and later). Install kubectl and run the tests again; see docs/decisions/2026-11-28-kubernetes-manifests-are-checked-with-kubectl.md.");
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from).Where(f => Path.GetFileName(f) != "secrets.env"))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            CopyTree(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    private static string Run(string file, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{errors.Result}");
        }
        return output;
    }

    private static List<Dictionary<string, object>> ParseDocuments(string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        var documents = new List<Dictionary<string, object>>();
        while (parser.Accept<DocumentStart>(out _))
        {
            documents.Add(Map(deserializer.Deserialize<Dictionary<object, object>>(parser)));
        }
        return documents;
    }

    private static Dictionary<string, object> Map(object? node) => node switch
    {
        Dictionary<string, object> map => map,
        Dictionary<object, object> map => map.ToDictionary(e => e.Key.ToString()!, e => e.Value),
        _ => [],
    };

    private static List<object> List(object? node) => node as List<object> ?? [];

    private static object? At(object? node, params string[] path)
    {
        foreach (var key in path)
        {
            node = Map(node).GetValueOrDefault(key);
        }
        return node;
    }

    private static string Text(object? node, params string[] path) => At(node, path)?.ToString() ?? "";

    private static IEnumerable<Dictionary<string, object>> OfKind(string kind) => Resources.Where(r => Text(r, "kind") == kind);

    private static Dictionary<string, object> Named(string kind, string name) =>
        Assert.Single(OfKind(kind), r => Text(r, "metadata", "name") == name);

    private static Dictionary<string, object> Container(string workload) =>
        Map(Assert.Single(List(At(Named("Deployment", workload), "spec", "template", "spec", "containers"))));

    private static Dictionary<string, string> Labels(object? node) => Map(node).ToDictionary(e => e.Key, e => e.Value.ToString()!);

    private static bool Selects(object? selector, object? labels) =>
        Labels(selector) is { Count: > 0 } wanted && wanted.All(pair => Labels(labels).GetValueOrDefault(pair.Key) == pair.Value);

    [Fact]
    public void Every_deployment_is_probed_for_readiness_and_liveness_on_the_health_endpoints()
    {
        Assert.Equal(Workloads.Order(), OfKind("Deployment").Select(d => Text(d, "metadata", "name")).Order());
        foreach (var workload in Workloads)
        {
            var container = Container(workload);
            var ports = List(container["ports"]).Select(Map).ToList();
            foreach (var (probe, path) in new[] { ("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live") })
            {
                Assert.Equal(path, Text(container, probe, "httpGet", "path"));
                // The probe's port is the one the service listens on (8080 in the image).
                var port = Text(container, probe, "httpGet", "port");
                Assert.Contains(ports, p => Text(p, "name") == port || Text(p, "containerPort") == port);
            }
            Assert.Contains(ports, p => Text(p, "containerPort") == "8080");
        }
    }

    [Fact]
    public void Every_deployment_asks_for_and_is_limited_in_CPU_and_memory()
    {
        foreach (var workload in Workloads)
        {
            var resources = Container(workload)["resources"];
            foreach (var kind in new[] { "requests", "limits" })
            {
                Assert.False(string.IsNullOrEmpty(Text(resources, kind, "cpu")), $"{workload} has no CPU {kind}");
                Assert.False(string.IsNullOrEmpty(Text(resources, kind, "memory")), $"{workload} has no memory {kind}");
            }
        }
    }

    [Fact]
    public void Every_deployment_has_an_autoscaler_and_a_disruption_budget_that_lets_a_node_drain()
    {
        foreach (var workload in Workloads)
        {
            var deployment = Named("Deployment", workload);
            var podLabels = At(deployment, "spec", "template", "metadata", "labels");
            Assert.True(Selects(At(deployment, "spec", "selector", "matchLabels"), podLabels));

            var autoscaler = Assert.Single(OfKind("HorizontalPodAutoscaler"), h => Text(h, "spec", "scaleTargetRef", "name") == workload);
            Assert.Equal("Deployment", Text(autoscaler, "spec", "scaleTargetRef", "kind"));
            var minimum = int.Parse(Text(autoscaler, "spec", "minReplicas"), global::System.Globalization.CultureInfo.InvariantCulture);
            var maximum = int.Parse(Text(autoscaler, "spec", "maxReplicas"), global::System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(minimum >= 2, $"{workload} may scale down to one replica, a single point of failure");
            Assert.True(maximum > minimum, $"{workload} cannot scale out");
            Assert.NotEmpty(List(At(autoscaler, "spec", "metrics")));

            var budget = Assert.Single(OfKind("PodDisruptionBudget"), p => Selects(At(p, "spec", "selector", "matchLabels"), podLabels));
            var minAvailable = int.Parse(Text(budget, "spec", "minAvailable"), global::System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(minAvailable, 1, minimum - 1);
        }
    }

    [Fact]
    public void Every_service_selects_its_deployments_pods_on_the_port_they_listen_on()
    {
        foreach (var workload in Workloads)
        {
            var service = Named("Service", workload);
            var podLabels = At(Named("Deployment", workload), "spec", "template", "metadata", "labels");
            Assert.True(Selects(At(service, "spec", "selector"), podLabels), $"the Service {workload} selects no pod of its Deployment");
            foreach (var other in Workloads.Where(w => w != workload))
            {
                Assert.False(Selects(At(service, "spec", "selector"), At(Named("Deployment", other), "spec", "template", "metadata", "labels")), $"the Service {workload} also selects {other}");
            }
            var port = Map(Assert.Single(List(At(service, "spec", "ports"))));
            Assert.Equal("8080", Text(port, "port"));
            Assert.Contains(List(Container(workload)["ports"]).Select(Map), p => Text(p, "name") == Text(port, "targetPort"));
        }
    }

    [Fact]
    public void Prometheus_scrapes_every_pod_on_the_management_port_which_no_service_routes_to()
    {
        var config = Map(At(Named("ConfigMap", "forum-config"), "data"));
        var management = Text(config, "Forum__Management__Port");
        Assert.Equal("8081", management);
        Assert.Contains(management, Text(config, "ASPNETCORE_HTTP_PORTS").Split(';'));
        foreach (var workload in Workloads)
        {
            var annotations = Map(At(Named("Deployment", workload), "spec", "template", "metadata", "annotations"));
            Assert.Equal((management, "/metrics"), (Text(annotations, "prometheus.io/port"), Text(annotations, "prometheus.io/path")));
            Assert.Contains(List(Container(workload)["ports"]).Select(Map), p => Text(p, "containerPort") == management);
            var routed = List(At(Named("Service", workload), "spec", "ports")).Select(Map).Select(p => Text(p, "targetPort"));
            Assert.DoesNotContain(List(Container(workload)["ports"]).Select(Map).Where(p => Text(p, "containerPort") == management).Select(p => Text(p, "name")), routed.Contains);
        }
    }

    [Fact]
    public void The_ingress_routes_everything_to_the_gateway_service()
    {
        var ingress = Assert.Single(OfKind("Ingress"));
        var rule = Map(Assert.Single(List(At(ingress, "spec", "rules"))));
        var path = Map(Assert.Single(List(At(rule, "http", "paths"))));
        Assert.Equal("/", Text(path, "path"));
        Assert.Equal("Prefix", Text(path, "pathType"));
        Assert.Equal("gateway", Text(path, "backend", "service", "name"));
        var port = Text(path, "backend", "service", "port", "name");
        Assert.Contains(List(At(Named("Service", "gateway"), "spec", "ports")).Select(Map), p => Text(p, "name") == port);
        Assert.False(string.IsNullOrEmpty(Text(rule, "host")), "the small overlay names the forum's host");
    }

    [Fact]
    public void Every_image_is_set_to_a_registry_and_a_version()
    {
        foreach (var workload in Workloads)
        {
            var image = Text(Container(workload), "image");
            Assert.Matches($"^[a-z0-9.-]+(:[0-9]+)?/.+/{workload}:[A-Za-z0-9._-]+$", image);
            Assert.DoesNotContain(":latest", image);
        }
    }

    [Fact]
    public void Every_setting_a_pod_reads_comes_from_a_config_map_or_secret_that_is_there()
    {
        var config = Named("ConfigMap", "forum-config");
        var configKeys = Map(config["data"]).Keys.ToHashSet();
        var secret = Assert.Single(OfKind("Secret"));
        var secretKeys = Map(secret["data"]).Keys.ToHashSet();

        foreach (var workload in Workloads)
        {
            var container = Container(workload);
            var defined = new HashSet<string>();
            foreach (var source in List(container.GetValueOrDefault("envFrom")).Select(Map))
            {
                Assert.Equal("forum-config", Text(source, "configMapRef", "name"));
                defined.UnionWith(configKeys);
            }
            foreach (var variable in List(container["env"]).Select(Map))
            {
                if (At(variable, "valueFrom", "secretKeyRef") is { } reference)
                {
                    Assert.Equal(Text(secret, "metadata", "name"), Text(reference, "name"));
                    Assert.Contains(Text(reference, "key"), secretKeys);
                }
                // Kubernetes fills in $(NAME) only from variables defined before this one.
                foreach (Match used in VariableReference().Matches(Text(variable, "value")))
                {
                    Assert.Contains(used.Groups[1].Value, defined);
                }
                defined.Add(Text(variable, "name"));
            }

            Assert.Contains($"ConnectionStrings__{workload}-db", defined);
            Assert.Contains("ConnectionStrings__rabbitmq", defined);
            Assert.Contains(workload == "gateway" ? "Forum__Auth__SigningKey" : "Forum__Auth__PublicKey", defined);
            var database = Text(Assert.Single(List(container["env"]).Select(Map), v => Text(v, "name") == $"ConnectionStrings__{workload}-db"), "value");
            Assert.Contains($"Database=forum_{workload};Username=forum_{workload};", database);
        }
        foreach (var service in Workloads.Where(w => w != "gateway"))
        {
            Assert.Equal($"http://{service}:8080", Text(config, "data", $"services__{service}__http__0"));
        }
        Assert.Equal("true", Text(config, "data", "Forum__Messaging__QuorumQueues"));
    }

    [Fact]
    public void The_generated_secret_holds_a_signing_key_and_the_public_key_that_checks_it()
    {
        var data = Map(Assert.Single(OfKind("Secret"))["data"]);
        string Decode(string key) => Encoding.UTF8.GetString(Convert.FromBase64String(data[key].ToString()!)).Replace("\\n", "\n", StringComparison.Ordinal);
        using var privateKey = ECDsa.Create();
        privateKey.ImportFromPem(Decode("signing-key"));
        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(Decode("public-key"));
        var message = "một bài viết"u8.ToArray();
        Assert.True(publicKey.VerifyData(message, privateKey.SignData(message, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
        foreach (var password in new[] { "posts-db-password", "comments-db-password", "engagement-db-password", "notifications-db-password", "gateway-db-password", "rabbitmq-password" })
        {
            Assert.Matches("^[0-9a-f]{48}$", Decode(password));
        }
    }

    [Fact]
    public void Pods_run_as_a_user_other_than_root_without_privileges_and_drain_before_they_are_killed()
    {
        foreach (var workload in Workloads)
        {
            var pod = At(Named("Deployment", workload), "spec", "template", "spec");
            Assert.Equal("true", Text(pod, "securityContext", "runAsNonRoot"));
            Assert.NotEqual("0", Text(pod, "securityContext", "runAsUser"));
            Assert.Equal("false", Text(Container(workload), "securityContext", "allowPrivilegeEscalation"));
            // The services take up to 30 s to stop consuming and finish requests.
            Assert.True(int.Parse(Text(pod, "terminationGracePeriodSeconds"), global::System.Globalization.CultureInfo.InvariantCulture) > 30);
        }
        Assert.All(Resources.Where(r => Text(r, "kind") != "Namespace"), r => Assert.Equal("forum", Text(r, "metadata", "namespace")));
    }

    [Fact]
    public void The_posts_service_starts_only_once_the_consumers_of_its_events_are_ready()
    {
        var pod = At(Named("Deployment", "posts"), "spec", "template", "spec");
        var wait = Map(Assert.Single(List(At(pod, "initContainers"))));
        var script = string.Join('\n', List(wait["command"]).Select(c => c.ToString()));
        Assert.Contains("for service in gateway comments engagement notifications", script);
        Assert.Contains("http://$service:8080/health/ready", script);
        Assert.False(string.IsNullOrEmpty(Text(wait, "resources", "limits", "memory")));
        foreach (var consumer in new[] { "gateway", "comments", "engagement", "notifications" })
        {
            Assert.Null(At(Named("Deployment", consumer), "spec", "template", "spec", "initContainers"));
        }
    }

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex VariableReference();
}
