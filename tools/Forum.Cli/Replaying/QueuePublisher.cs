using System.Text;
using Forum.Cli.Exporting;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Forum.Cli.Connecting;

namespace Forum.Cli.Replaying;

/// <summary>
/// Publishes to one queue through the broker's default exchange, which routes by queue name to
/// that queue alone: no exchange a live consumer is bound to ever sees a replayed event. Each
/// publish waits for the broker's confirm, and an unroutable one fails instead of vanishing.
/// </summary>
public sealed class QueuePublisher : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _queue;
    private readonly Uri _destination;

    private QueuePublisher(IConnection connection, IChannel channel, string queue, Uri destination)
    {
        _connection = connection;
        _channel = channel;
        _queue = queue;
        _destination = destination;
    }

    public static async Task<QueuePublisher> ConnectAsync(Uri broker, string queue, CancellationToken cancellationToken)
    {
        var (connection, channel) = await Broker.OpenAsync(broker, "forumctl replay", cancellationToken);
        try
        {
            await Broker.ExistingQueueAsync(channel, queue, broker, ": start its consumer first, so that it declares the queue and binds it", cancellationToken);
        }
        catch
        {
            await channel.DisposeAsync();
            await connection.DisposeAsync();
            throw;
        }
        var destination = new UriBuilder(broker) { Scheme = "rabbitmq", UserName = "", Password = "", Path = $"{broker.AbsolutePath.TrimEnd('/')}/{queue}" }.Uri;
        return new QueuePublisher(connection, channel, queue, destination);
    }

    public async Task PublishAsync(StoredEvent stored, CancellationToken cancellationToken)
    {
        var headers = MassTransitEnvelope.Headers(stored).ToDictionary(
            h => h.Key, h => h.Value is string text ? (object?)Encoding.UTF8.GetBytes(text) : h.Value);
        headers["Content-Type"] = Encoding.UTF8.GetBytes(MassTransitEnvelope.ContentType);
        var properties = new BasicProperties
        {
            MessageId = stored.EventId.ToString(),
            ContentType = MassTransitEnvelope.ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = headers,
        };
        var body = MassTransitEnvelope.Serialize(stored, _destination, DateTimeOffset.UtcNow);
        try
        {
            await _channel.BasicPublishAsync(exchange: "", routingKey: _queue, mandatory: true, properties, body, cancellationToken);
        }
        catch (PublishException exception)
        {
            throw new CliException($"The broker did not take event {stored.EventId} ({stored.Service} sequence {stored.Sequence}) for queue '{_queue}'{(exception.IsReturn ? ": the queue is gone" : "")}. Resume with --service {stored.Service} --after {stored.Sequence - 1}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
