using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Forum.Messaging;

/// <summary>MassTransit over RabbitMQ, configured the same way in every service.</summary>
public static class MessagingExtensions
{
    public const string ConnectionName = "rabbitmq";

    /// <summary>In the name of a queue that belongs to one replica (<see cref="AddEveryReplicaConsumer{T}"/>).</summary>
    public const string ReplicaQueueMarker = "-replica-";

    /// <summary>How long a replica's own queue outlives its last consumer.</summary>
    public static readonly TimeSpan ReplicaQueueExpiry = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A consumer that every replica runs on every message, where ordinary consumers share a
    /// service's queue among its replicas: each replica gets a queue of its own, which the broker
    /// deletes when the replica goes (so it is neither durable nor a quorum queue). For what only
    /// matters while a replica runs, such as telling its open pages.
    /// </summary>
    public static void AddEveryReplicaConsumer<T>(this IBusRegistrationConfigurator bus) where T : class, IConsumer =>
        bus.AddConsumer<T>().Endpoint(endpoint =>
        {
            endpoint.Temporary = true;
            endpoint.InstanceId = $"{ReplicaQueueMarker}{NewId.NextGuid():N}";
        });

    /// <summary>
    /// Connects to the broker named by <c>ConnectionStrings:rabbitmq</c> (an amqp:// URI). Each
    /// consumer gets a durable queue named after this service, so every service receives every
    /// event once and replicas of one service compete for it. <c>Forum:Messaging</c> settings
    /// override <paramref name="defaults"/>, the service's own.
    /// </summary>
    public static IHostApplicationBuilder AddForumMessaging(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? addConsumers = null,
        MessagingOptions? defaults = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} is not set: the service needs a RabbitMQ broker (amqp://user:password@host:port/vhost).");
        var options = defaults ?? new MessagingOptions();
        builder.Configuration.GetSection("Forum:Messaging").Bind(options);

        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            addConsumers?.Invoke(bus);

            bus.AddConfigureEndpointsCallback((_, queueName, endpoint) =>
            {
                if (endpoint is not IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    return;
                }
                if (queueName.Contains(ReplicaQueueMarker, StringComparison.Ordinal))
                {
                    // Gone with its replica, also one that was killed: the broker deletes it a minute
                    // after its last consumer left, so nothing piles up for nobody.
                    rabbit.Durable = false;
                    rabbit.AutoDelete = true;
                    rabbit.SetQueueArgument("x-expires", (int)ReplicaQueueExpiry.TotalMilliseconds);
                }
                else if (options.QuorumQueues)
                {
                    rabbit.SetQuorumQueue();
                }
            });

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
                // Every consumer is idempotent and order-safe (DESIGN §6), so messages are worked on
                // side by side: the gateway's projectors keep up with a burst of writes instead of
                // queueing it behind a handful of database round trips (bench/HISTORY.md).
                rabbit.PrefetchCount = options.PrefetchCount;
                rabbit.ConcurrentMessageLimit = options.ConcurrentMessages;
                // Transient faults (a deadlock, a restarted database) are retried in place; what still
                // fails lands in the consumer's _error queue for an operator, never silently dropped.
                rabbit.UseMessageRetry(retry => retry.Intervals(
                    TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1),
                    TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10)));
                rabbit.ConfigureEndpoints(context);
            });
        });

        builder.Services.AddReceiveObserver<FaultedMessageCounter>();
        builder.Services.Configure<MassTransitHostOptions>(host =>
        {
            host.WaitUntilStarted = false;
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return builder;
    }
}

/// <summary><c>Forum:Messaging</c> settings.</summary>
public sealed class MessagingOptions
{
    /// <summary>Replicated quorum queues (RabbitMQ 3.8+); turn off only for brokers that lack them.</summary>
    public bool QuorumQueues { get; set; } = true;

    /// <summary>Messages a consumer's queue hands over before they are acknowledged.</summary>
    public int PrefetchCount { get; set; } = 64;

    /// <summary>Messages one replica works on at once, per queue.</summary>
    public int ConcurrentMessages { get; set; } = 32;
}
