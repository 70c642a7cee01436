using Forum.Testing;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Forum.Comments.Tests.Service;

/// <summary>The real comments service host on its own PostgreSQL database and RabbitMQ virtual host.</summary>
public sealed class CommentsServiceFixture : IsolatedInfrastructure
{
    private WebApplicationFactory<Program>? _factory;
    private IBusControl? _publisher;

    public TestSigningKey SigningKey { get; } = new();

    public IServiceProvider Services => _factory!.Services;

    /// <summary>A bus in the same virtual host, to publish post events as the posts service would.</summary>
    public IBus Publisher => _publisher!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var database = await CreateDatabaseAsync("comments");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseEnvironment("Production")
            .UseSetting("ConnectionStrings:comments-db", database)
            .UseSetting("ConnectionStrings:rabbitmq", RabbitMq.ToString())
            .UseSetting("Forum:Auth:PublicKey", SigningKey.PublicKeyPem));
        _factory.CreateClient().Dispose();
        _publisher = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(RabbitMq));
        await _publisher.StartAsync();
        // The service's queues exist once its bus has started; wait until it is ready.
        using var probe = _factory.CreateClient();
        await Eventually.ValueAsync(() => probe.GetAsync("/health/ready"), r => r.IsSuccessStatusCode);
    }

    public HttpClient As(string userName, Guid? userId = null, params string[] roles)
    {
        var client = _factory!.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", SigningKey.Token(userName, userId, roles));
        return client;
    }

    public override async Task DisposeAsync()
    {
        if (_publisher is not null)
        {
            await _publisher.StopAsync();
        }
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}
