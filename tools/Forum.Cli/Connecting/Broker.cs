using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Forum.Cli.Connecting;

/// <summary>
/// The broker as the commands that talk to RabbitMQ directly (<c>replay</c>, <c>messages
/// redrive</c>) find and open it: the address from <c>--rabbitmq</c> or <c>$FORUM_RABBITMQ</c>,
/// a channel whose publishes wait for the broker's confirm, and queues that must already exist.
/// </summary>
public static class Broker
{
    public const string DefaultAddress = "amqp://guest:guest@127.0.0.1:55672/";

    public const string OptionDescription = "The broker, amqp://user:password@host:port/vhost. Default: $FORUM_RABBITMQ, else " + DefaultAddress;

    public static bool IsAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == "amqp" || uri.Scheme == "amqps");

    /// <summary>The error of a <c>--rabbitmq</c> value that is not a broker address, if it is not.</summary>
    public static string? Invalid(string? option) =>
        option is not null && !IsAddress(option) ? $"--rabbitmq must be an amqp:// or amqps:// URL, not '{option}'." : null;

    public static Uri Address(string? option, CliEnvironment environment)
    {
        var address = option ?? environment.Variable("FORUM_RABBITMQ") ?? DefaultAddress;
        return IsAddress(address)
            ? new Uri(address)
            : throw new CliException($"FORUM_RABBITMQ must be an amqp:// or amqps:// URL, not '{address}'.", ExitCodes.Usage);
    }

    /// <summary>A connection and a channel with publisher confirms; an unreachable broker is a plain error.</summary>
    public static async Task<(IConnection Connection, IChannel Channel)> OpenAsync(Uri broker, string clientName, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = broker, ClientProvidedName = clientName };
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
            return (connection, channel);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// How many messages an existing queue holds. Never declared here: declaring it could clash
    /// with how its consumer declares it (quorum or classic), and a missing queue is the user's mistake.
    /// </summary>
    public static async Task<uint> ExistingQueueAsync(IChannel channel, string queue, Uri broker, string? advice, CancellationToken cancellationToken)
    {
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
        {
            throw new CliException($"There is no queue '{queue}' on {Redacted(broker)}{advice}.", ExitCodes.Usage);
        }
    }

    public static string Redacted(Uri broker) => new UriBuilder(broker) { UserName = "", Password = "" }.Uri.ToString();
}
