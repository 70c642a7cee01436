using System.Collections.Concurrent;
using MassTransit;

namespace Forum.Testing;

/// <summary>One delivery of a message as a consumer saw it.</summary>
public sealed record ObservedMessage<T>(Guid? MessageId, T Message, IReadOnlyDictionary<string, object> Headers, string? TraceParent);

/// <summary>
/// A consumer of its own on the real broker: it binds a queue of its own to the exchange of
/// <typeparamref name="T"/> and records every delivery, duplicates included.
/// </summary>
public sealed class BrokerObserver<T> : IAsyncDisposable where T : class
{
    private readonly IBusControl _bus;
    private readonly ConcurrentQueue<ObservedMessage<T>> _deliveries = new();

    private BrokerObserver(Uri broker)
    {
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker);
            rabbit.ReceiveEndpoint($"test-observer-{typeof(T).Name}-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                endpoint.Handler<T>(context =>
                {
                    var headers = context.Headers.GetAll().ToDictionary(h => h.Key, h => h.Value);
                    headers.TryGetValue("MT-Activity-Id", out var traceParent);
                    _deliveries.Enqueue(new ObservedMessage<T>(context.MessageId, context.Message, headers, traceParent?.ToString()));
                    return Task.CompletedTask;
                });
            });
        });
    }

    public IReadOnlyCollection<ObservedMessage<T>> Deliveries => _deliveries.ToArray();

    public static async Task<BrokerObserver<T>> StartAsync(Uri broker)
    {
        var observer = new BrokerObserver<T>(broker);
        await observer._bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        return observer;
    }

    /// <summary>Waits until a delivery matches, or fails after the timeout.</summary>
    public Task<ObservedMessage<T>> WaitForAsync(Func<T, bool> match, TimeSpan? timeout = null) =>
        Eventually.ValueAsync(() => Task.FromResult(Deliveries.FirstOrDefault(d => match(d.Message))), timeout, $"a {typeof(T).Name} to arrive");

    public ValueTask DisposeAsync() => new(_bus.StopAsync());
}
