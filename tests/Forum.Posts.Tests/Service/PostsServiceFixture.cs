using Forum.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Posts.Tests.Service;

/// <summary>The real posts service host on a real PostgreSQL database and RabbitMQ virtual host of its own.</summary>
public sealed class PostsServiceFixture() : ServiceHost<Program>("posts")
{
    public const string Member = "minh";

    /// <summary>A member's client: it carries a token signed with the forum's key.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>A client without any token.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Anonymous = CreateClient();
        Client = As(Member);
    }

    public async Task<int> CountStoredEventsAsync()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }
}
