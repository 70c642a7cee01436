using System.Text;
using Forum.Cli.Exporting;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

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
        var factory = new ConnectionFactory { Uri = broker, ClientProvidedName = "forumctl replay" };
        IConnection connection;
        try
        {
            connection = await factory.CreateConnectionAsync(cancellationToken);
        }
        catch (BrokerUnreachableException exception)
        {
            throw new CliException($"The broker at {Redacted(broker)} could not be reached: {exception.InnerException?.Message ?? exception.Message}", ExitCodes.Unavailable);
        }
        try
        {
            var channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            try
            {
                // Only an existing queue: declaring one here could clash with how its consumer declares it (quorum or classic).
                await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
            }
            catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
            {
                throw new CliException($"There is no queue '{queue}' on {Redacted(broker)}: start its consumer first, so that it declares the queue and binds it.", ExitCodes.Usage);
            }
            var destination = new UriBuilder(broker) { Scheme = "rabbitmq", UserName = "", Password = "", Path = $"{broker.AbsolutePath.TrimEnd('/')}/{queue}" }.Uri;
            return new QueuePublisher(connection, channel, queue, destination);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
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

    private static string Redacted(Uri broker) => new UriBuilder(broker) { UserName = "", Password = "" }.Uri.ToString();

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
