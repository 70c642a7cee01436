using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Forum.Testing;

/// <summary>
/// One service's real host, in process, on a database of its own in this class's slice of the
/// real servers, trusting tokens signed with <see cref="SigningKey"/>.
/// </summary>
/// <typeparam name="TEntryPoint">A type of the service's assembly, such as its <c>Program</c>.</typeparam>
public abstract class ServiceHost<TEntryPoint>(string serviceName) : IsolatedInfrastructure where TEntryPoint : class
{
    private WebApplicationFactory<TEntryPoint>? _factory;

    public TestSigningKey SigningKey { get; } = new();

    public IServiceProvider Services => Factory.Services;

    /// <summary>The connection string of the service's own database.</summary>
    public string Database { get; private set; } = "";

    protected WebApplicationFactory<TEntryPoint> Factory => _factory ?? throw new InvalidOperationException("Not initialised yet.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var database = Database = await CreateDatabaseAsync(serviceName);
        _factory = new WebApplicationFactory<TEntryPoint>().WithWebHostBuilder(host => host
            .UseEnvironment("Production")
            .UseSetting($"ConnectionStrings:{serviceName}-db", database)
            .UseSetting("ConnectionStrings:rabbitmq", RabbitMq.ToString())
            .UseSetting("Forum:Auth:PublicKey", SigningKey.PublicKeyPem)
            // No trace is kept (exported) here, the hardest case for carrying the trace context on: tests see that it still goes on.
            .UseSetting("Forum:Tracing:SampleRate", "0"));
        _ = _factory.Server;
    }

    /// <summary>A client without any token.</summary>
    public HttpClient CreateClient() => Factory.CreateClient();

    /// <summary>A client acting as the given user, with a token the service trusts.</summary>
    public HttpClient As(string userName, Guid? userId = null, params string[] roles)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SigningKey.Token(userName, userId, roles));
        return client;
    }

    public override async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}
