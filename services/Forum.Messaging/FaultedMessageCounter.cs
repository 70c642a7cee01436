using Forum.ServiceDefaults.Telemetry;
using MassTransit;

namespace Forum.Messaging;

/// <summary>
/// Counts the messages that failed for good: MassTransit reports a receive fault once a message's
/// retries are spent (or it could not be read at all), just before it moves it to the _error queue.
/// </summary>
internal sealed class FaultedMessageCounter : IReceiveObserver
{
    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        MessagingMetrics.MessagesFaulted.Add(1,
            new KeyValuePair<string, object?>("queue", context.InputAddress.AbsolutePath.Split('/').LastOrDefault()),
            new KeyValuePair<string, object?>("exception", exception.GetType().Name));
        return Task.CompletedTask;
    }
}
