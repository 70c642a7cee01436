using Forum.Testing;
using MassTransit;

namespace Forum.Comments.Tests.Service;

/// <summary>The real comments service host on its own PostgreSQL database and RabbitMQ virtual host.</summary>
public sealed class CommentsServiceFixture() : ServiceHost<Program>("comments")
{
    private IBusControl? _publisher;

    /// <summary>A bus in the same virtual host, to publish post events as the posts service would.</summary>
    public IBus Publisher => _publisher!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _publisher = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(RabbitMq));
        await _publisher.StartAsync();
        // The service's queues exist once its bus has started; wait until it is ready.
        using var probe = CreateClient();
        await Eventually.ValueAsync(() => probe.GetAsync("/health/ready"), r => r.IsSuccessStatusCode);
    }

    public override async Task DisposeAsync()
    {
        if (_publisher is not null)
        {
            await _publisher.StopAsync();
        }
        await base.DisposeAsync();
    }
}
