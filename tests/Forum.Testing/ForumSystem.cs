namespace Forum.Testing;

/// <summary>
/// The whole forum, as processes: the posts, comments and engagement services and the gateway,
/// each on its own database in this test class's slice of the real servers.
/// </summary>
public class ForumSystem : IsolatedInfrastructure
{
    private readonly List<ServiceProcess> _services = [];

    public ServiceProcess Posts { get; private set; } = null!;
    public ServiceProcess Comments { get; private set; } = null!;
    public ServiceProcess Engagement { get; private set; } = null!;
    public ServiceProcess Gateway { get; private set; } = null!;

    /// <summary>An HTTP client for the gateway, as a user's browser or API client has.</summary>
    public HttpClient Client { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> DatabaseConnections { get; private set; } = new Dictionary<string, string>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var databases = new Dictionary<string, string>();
        foreach (var service in new[] { "posts", "comments", "engagement", "gateway" })
        {
            databases[service] = await CreateDatabaseAsync(service);
        }
        DatabaseConnections = databases;

        Posts = Add("posts", "services/posts/Forum.Posts");
        Comments = Add("comments", "services/comments/Forum.Comments");
        Engagement = Add("engagement", "services/engagement/Forum.Engagement");
        Gateway = Add("gateway", "gateway/Forum.Gateway", new Dictionary<string, string>
        {
            ["services__posts__http__0"] = Posts.BaseAddress.ToString(),
            ["services__comments__http__0"] = Comments.BaseAddress.ToString(),
            ["services__engagement__http__0"] = Engagement.BaseAddress.ToString(),
        });

        foreach (var service in _services)
        {
            service.Start();
        }
        await Task.WhenAll(_services.Select(s => s.WaitUntilReadyAsync()));
        Client = new HttpClient { BaseAddress = Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    private ServiceProcess Add(string name, string projectDirectory, Dictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            [$"ConnectionStrings__{name}-db"] = DatabaseConnections[name],
            ["ConnectionStrings__rabbitmq"] = RabbitMq.ToString(),
        };
        foreach (var (key, value) in extra ?? [])
        {
            environment[key] = value;
        }
        var service = new ServiceProcess(name, projectDirectory, environment);
        _services.Add(service);
        return service;
    }

    /// <summary>Everything the services wrote, for a failing test's message.</summary>
    public string Logs => string.Join(Environment.NewLine, _services.Select(s => s.Output));

    public override async Task DisposeAsync()
    {
        Client?.Dispose();
        await Task.WhenAll(_services.Select(s => s.DisposeAsync().AsTask()));
        await base.DisposeAsync();
    }
}
