using Forum.Testing;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Engagement.Tests.Service;

/// <summary>The real engagement service host on a real PostgreSQL database and RabbitMQ virtual host of its own.</summary>
public sealed class EngagementServiceFixture : IsolatedInfrastructure
{
    private WebApplicationFactory<Program>? _factory;

    public TestSigningKey SigningKey { get; } = new();

    public IDocumentStore Store => _factory!.Services.GetRequiredService<IDocumentStore>();

    public IServiceProvider Services => _factory!.Services;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var database = await CreateDatabaseAsync("engagement");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseEnvironment("Production")
            .UseSetting("ConnectionStrings:engagement-db", database)
            .UseSetting("ConnectionStrings:rabbitmq", RabbitMq.ToString())
            .UseSetting("Forum:Auth:PublicKey", SigningKey.PublicKeyPem));
        _ = _factory.Server;
    }

    /// <summary>A client carrying a token the service trusts, for the given user and roles.</summary>
    public HttpClient As(string userName, Guid userId, params string[] roles)
    {
        var client = _factory!.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", SigningKey.Token(userName, userId, roles));
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
