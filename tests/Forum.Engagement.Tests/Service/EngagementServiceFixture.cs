using Forum.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Engagement.Tests.Service;

/// <summary>The real engagement service host on a real PostgreSQL database and RabbitMQ virtual host of its own.</summary>
public sealed class EngagementServiceFixture() : ServiceHost<Program>("engagement")
{
    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();
}
