using System.Net.Http.Json;

namespace Forum.Testing;

/// <summary>
/// The whole forum, as processes: the posts, comments, engagement and notifications services and the gateway,
/// each on its own database in this test class's slice of the real servers.
/// </summary>
public class ForumSystem : IsolatedInfrastructure
{
    private readonly List<ServiceProcess> _services = [];

    public ServiceProcess Posts { get; private set; } = null!;
    public ServiceProcess Comments { get; private set; } = null!;
    public ServiceProcess Engagement { get; private set; } = null!;
    public ServiceProcess Notifications { get; private set; } = null!;
    public ServiceProcess Gateway { get; private set; } = null!;

    /// <summary>Every replica of each service and of the gateway; the first is the one named above.</summary>
    public IReadOnlyList<ServiceProcess> PostsReplicas { get; private set; } = [];
    public IReadOnlyList<ServiceProcess> CommentsReplicas { get; private set; } = [];
    public IReadOnlyList<ServiceProcess> EngagementReplicas { get; private set; } = [];
    public IReadOnlyList<ServiceProcess> NotificationsReplicas { get; private set; } = [];
    public IReadOnlyList<ServiceProcess> GatewayReplicas { get; private set; } = [];

    /// <summary>How many replicas of each service and of the gateway run, on the same databases and broker.</summary>
    protected virtual int Replicas => 1;

    /// <summary>How many replicas of the notifications service run; as many as the others unless a fixture says otherwise.</summary>
    protected virtual int NotificationsReplicaCount => Replicas;

    /// <summary>How many replicas of the gateway run; as many as the others unless a fixture says otherwise.</summary>
    protected virtual int GatewayReplicaCount => Replicas;

    /// <summary>An HTTP client for the gateway, as a user's browser or API client has.</summary>
    public HttpClient Client { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> DatabaseConnections { get; private set; } = new Dictionary<string, string>();

    /// <summary>The key the gateway signs tokens with; the services know only its public half.</summary>
    public TestSigningKey SigningKey { get; } = new();

    /// <summary>
    /// Settings of the gateway beyond the wiring. By default rate limits are lifted so tests can
    /// write quickly; a test of the limits themselves overrides this.
    /// </summary>
    protected virtual IReadOnlyDictionary<string, string> GatewaySettings { get; } = new Dictionary<string, string>
    {
        ["Forum__RateLimits__Posting__PermitLimit"] = "1000000",
        ["Forum__RateLimits__Commenting__PermitLimit"] = "1000000",
        ["Forum__RateLimits__Liking__PermitLimit"] = "1000000",
        ["Forum__RateLimits__Uploading__PermitLimit"] = "1000000",
        ["Forum__RateLimits__Registering__PermitLimit"] = "1000000",
        ["Forum__RateLimits__SigningIn__PermitLimit"] = "1000000",
        ["Forum__RateLimits__Reporting__PermitLimit"] = "1000000",
        ["Forum__RateLimits__Recovering__PermitLimit"] = "1000000",
    };

    /// <summary>
    /// How long after registering a member counts as new (stricter limits, no images, few links).
    /// Zero by default: the accounts tests make are minutes old and write as established members
    /// unless a fixture about new members says otherwise.
    /// </summary>
    protected virtual TimeSpan NewMemberPeriod => TimeSpan.Zero;

    /// <summary>Settings given to every service and the gateway, such as where to send telemetry.</summary>
    protected virtual IReadOnlyDictionary<string, string> EveryServiceSettings { get; } = new Dictionary<string, string>();

    /// <summary>The forum's founding admin, registered first so it holds the admin role.</summary>
    public HttpClient Admin { get; private set; } = null!;

    public const string AdminName = "quản_trị";

    /// <summary>The address the forum's mailed links name; a test follows a link by its path on whichever gateway it likes.</summary>
    public const string PublicUrl = "http://forum.test";

    /// <summary>
    /// Whether the fixture runs a mail server of its own for the gateway to send to. Off by default:
    /// a fixture that reads no mail does not pay for one more process (mail then waits in the outbox).
    /// </summary>
    protected virtual bool CatchesMail => false;

    /// <summary>The fixture's own mail server, a real SMTP server the gateway sends to (when <see cref="CatchesMail"/>).</summary>
    public ServiceProcess? MailCatcher { get; private set; }

    /// <summary>What the mail server received (when <see cref="CatchesMail"/>).</summary>
    public Mailbox Mail { get; private set; } = null!;

    private string? _mailDirectory;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var databases = new Dictionary<string, string>();
        foreach (var service in new[] { "posts", "comments", "engagement", "notifications", "gateway" })
        {
            databases[service] = await CreateDatabaseAsync(service);
        }
        DatabaseConnections = databases;

        var posts = Replicate("posts", "services/posts/Forum.Posts");
        var comments = Replicate("comments", "services/comments/Forum.Comments");
        var engagement = Replicate("engagement", "services/engagement/Forum.Engagement");
        var notifications = Replicate("notifications", "services/notifications/Forum.Notifications", count: NotificationsReplicaCount);
        var gateway = new Dictionary<string, string>(GatewaySettings)
        {
            ["Forum__PublicUrl"] = PublicUrl,
            ["Forum__Auth__SigningKey"] = SigningKey.PrivateKeyPem,
            ["Forum__NewMembers__Period"] = NewMemberPeriod.ToString("c"),
            // Shared by every gateway replica, as an operator configures it: an anonymous reader is one viewer whichever replica serves them.
            ["Forum__Views__Secret"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
            // The tests stand where an ingress would: they may say which address a request came from in X-Forwarded-For.
            ["Forum__TrustedProxies__0"] = "127.0.0.1",
        };
        if (CatchesMail)
        {
            // A real SMTP server of the fixture's own, whose inbox the tests read (Mail).
            var smtpPort = ServiceProcess.FreePort();
            _mailDirectory = Path.Combine(Path.GetTempPath(), $"forum-mail-{Guid.NewGuid():N}");
            MailCatcher = new ServiceProcess("mail", "deploy/local/Forum.MailCatcher", new Dictionary<string, string>
            {
                ["MailCatcher__SmtpPort"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["MailCatcher__Directory"] = _mailDirectory,
            });
            _services.Add(MailCatcher);
            MailCatcher.Start();
            gateway["Forum__Smtp__Host"] = "127.0.0.1";
            gateway["Forum__Smtp__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            gateway["Forum__Smtp__Security"] = "None";
        }
        foreach (var (service, replicas) in new[] { ("posts", posts), ("comments", comments), ("engagement", engagement), ("notifications", notifications) })
        {
            for (var i = 0; i < replicas.Count; i++)
            {
                gateway[$"services__{service}__http__{i}"] = replicas[i].BaseAddress.ToString();
            }
        }
        var gateways = Replicate("gateway", "gateway/Forum.Gateway", gateway, count: GatewayReplicaCount);
        (Posts, Comments, Engagement, Notifications, Gateway) = (posts[0], comments[0], engagement[0], notifications[0], gateways[0]);
        (PostsReplicas, CommentsReplicas, EngagementReplicas, NotificationsReplicas, GatewayReplicas) = (posts, comments, engagement, notifications, gateways);

        // Consumers first: a queue must exist before the first event it should receive is
        // published, and the posts service publishes its default boards as soon as it starts.
        // Within a service, the first replica starts first, so it is the one that forwards.
        var consumersFirst = new[] { gateways, comments, engagement, notifications };
        foreach (var service in consumersFirst)
        {
            service[0].Start();
        }
        await Task.WhenAll(consumersFirst.Select(s => s[0].WaitUntilReadyAsync()).Append(MailCatcher?.WaitUntilReadyAsync() ?? Task.CompletedTask));
        if (MailCatcher is not null)
        {
            Mail = new Mailbox(MailCatcher.BaseAddress);
        }
        Posts.Start();
        await Posts.WaitUntilReadyAsync();
        var others = new[] { gateways, comments, engagement, notifications, posts }.SelectMany(replicas => replicas.Skip(1)).ToList();
        others.ForEach(replica => replica.Start());
        await Task.WhenAll(others.Select(replica => replica.WaitUntilReadyAsync()));
        Client = new HttpClient { BaseAddress = Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Admin = await SignUpAsync(AdminName);
    }

    /// <summary>Creates a board as the admin; when this returns it takes posts and every gateway replica shows its page.</summary>
    public async Task CreateBoardAsync(string slug, string name = "Bảng thử")
    {
        // A 503 says the posts service (a replica another test restarted) could not take it and
        // nothing was changed: a client tries again, as this does for a few seconds.
        var created = await Eventually.ValueAsync(
            () => Admin.PostAsJsonAsync("/api/boards", new { slug, name, description = "Dùng trong kiểm thử." }),
            answer => answer.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10));
        if (created.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Creating board {slug}: {created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }
        // The gateways learn of the board from its event, a moment after the 201.
        foreach (var gateway in GatewayReplicas.Where(replica => replica.IsRunning))
        {
            using var reader = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            await Eventually.ValueAsync(() => reader.GetStringAsync("/api/boards"), boards => boards.Contains($"\"{slug}\"", StringComparison.Ordinal), what: $"board {slug} on {gateway.BaseAddress}");
        }
    }

    /// <summary>A client of gateway replica <paramref name="index"/> (0-based) carrying the same identity as <paramref name="client"/>.</summary>
    public HttpClient OnGateway(HttpClient client, int index)
    {
        var other = new HttpClient { BaseAddress = GatewayReplicas[index].BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        other.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        return other;
    }

    /// <summary>A client of the gateway with no identity, as an anonymous visitor's.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Registers an account through the gateway and returns a client carrying its bearer token.</summary>
    public async Task<HttpClient> SignUpAsync(string userName, string password = "mật-khẩu-đủ-dài")
    {
        var registered = await Client.PostAsJsonAsync("/api/accounts", new { userName, password });
        if (registered.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Registering {userName}: {registered.StatusCode} {await registered.Content.ReadAsStringAsync()}\n{Logs}");
        }
        return await SignInAsync(userName, password);
    }

    /// <summary>Signs in through the gateway's token API and returns a client carrying the token.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password = "mật-khẩu-đủ-dài")
    {
        var response = await Client.PostAsJsonAsync("/api/accounts/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString();
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A web session, signed in through the sign-in form as a browser does (cookies kept, redirects not followed), on the first gateway or the one given.</summary>
    public async Task<HttpClient> SignInOnTheWebAsync(string userName, string password = "mật-khẩu-đủ-dài", Uri? gateway = null)
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = gateway ?? Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30),
        };
        var signedIn = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = WebFormTokens.OfForm(await browser.GetStringAsync("/account/sign-in")),
        }));
        if (signedIn.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in {userName} on the web: {signedIn.StatusCode} {await signedIn.Content.ReadAsStringAsync()}");
        }
        return browser;
    }

    private List<ServiceProcess> Replicate(string name, string projectDirectory, Dictionary<string, string>? extra = null, int? count = null) =>
        Enumerable.Range(0, count ?? Replicas).Select(i => Add(i == 0 ? name : $"{name}-{i + 1}", name, projectDirectory, extra)).ToList();

    private ServiceProcess Add(string processName, string name, string projectDirectory, Dictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            [$"ConnectionStrings__{name}-db"] = DatabaseConnections[name],
            ["ConnectionStrings__rabbitmq"] = RabbitMq.ToString(),
            ["Forum__Auth__PublicKey"] = SigningKey.PublicKeyPem,
        };
        foreach (var (key, value) in EveryServiceSettings)
        {
            environment[key] = value;
        }
        foreach (var (key, value) in extra ?? [])
        {
            environment[key] = value;
        }
        var service = new ServiceProcess(processName, projectDirectory, environment);
        _services.Add(service);
        return service;
    }

    /// <summary>Everything the services wrote, for a failing test's message.</summary>
    public string Logs => string.Join(Environment.NewLine, _services.Select(s => s.Output));

    public override async Task DisposeAsync()
    {
        Client?.Dispose();
        Admin?.Dispose();
        await Task.WhenAll(_services.Select(s => s.DisposeAsync().AsTask()));
        Mail?.Dispose();
        if (_mailDirectory is not null && Directory.Exists(_mailDirectory))
        {
            Directory.Delete(_mailDirectory, recursive: true);
        }
        await base.DisposeAsync();
    }
}
