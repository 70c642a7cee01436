using Forum.Testing;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Posts.Tests.Service;

/// <summary>The real posts service host on a real PostgreSQL database and RabbitMQ virtual host of its own.</summary>
public sealed class PostsServiceFixture : IsolatedInfrastructure
{
    private WebApplicationFactory<Program>? _factory;

    /// <summary>A member's client: it carries a token signed with the forum's key.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>A client without any token.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public TestSigningKey SigningKey { get; } = new();

    public const string Member = "minh";

    public IServiceProvider Services => _factory!.Services;

    public IDocumentStore Store => _factory!.Services.GetRequiredService<IDocumentStore>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var database = await CreateDatabaseAsync("posts");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseEnvironment("Production")
            .UseSetting("ConnectionStrings:posts-db", database)
            .UseSetting("ConnectionStrings:rabbitmq", RabbitMq.ToString())
            .UseSetting("Forum:Auth:PublicKey", SigningKey.PublicKeyPem));
        Anonymous = _factory.CreateClient();
        Client = _factory.CreateClient();
        Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", SigningKey.Token(Member));
    }

    /// <summary>A client acting as the given user, with a token the service trusts.</summary>
    public HttpClient As(string userName, Guid userId, params string[] roles)
    {
        var client = _factory!.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", SigningKey.Token(userName, userId, roles));
        return client;
    }

    public async Task<int> CountStoredEventsAsync()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
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
