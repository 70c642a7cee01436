using System.ComponentModel;
using Forum.Cli.Connecting;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Forum.Cli.Redriving;

/// <summary>
/// <c>messages redrive</c>: once the cause of a consumer's failures is fixed, moves the messages
/// its <c>_error</c> queue holds back to its queue, unchanged (message id, headers, body), so the
/// consumer takes them again. Each message is removed from the error queue only after the broker
/// has confirmed it in the queue: an interruption may leave a copy in both, never in neither,
/// and consumers drop a message id they have already applied.
/// </summary>
public sealed class RedriveCommand(IAnsiConsole console) : AsyncCommand<RedriveCommand.Settings>
{
    public const string ErrorSuffix = "_error";

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--queue <NAME_error>")]
        [Description("The error queue to empty; its messages go back to the queue of the same name without _error")]
        public string? Queue { get; init; }

        [CommandOption("--limit <N>")]
        [Description("Move at most this many messages (default: all there are when the command starts)")]
        public int? Limit { get; init; }

        [CommandOption("--rabbitmq <URL>")]
        [Description(Broker.OptionDescription)]
        public string? RabbitMq { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Queue) || !Queue.EndsWith(ErrorSuffix, StringComparison.Ordinal) || Queue.Length == ErrorSuffix.Length)
            {
                return ValidationResult.Error($"Name an error queue with --queue, e.g. --queue gateway-post-events{ErrorSuffix}.");
            }
            if (Limit is < 1)
            {
                return ValidationResult.Error("--limit must be at least 1.");
            }
            return Broker.Invalid(RabbitMq) is { } invalid ? ValidationResult.Error(invalid) : ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var environment = (CliEnvironment)context.Data!;
        var broker = Broker.Address(settings.RabbitMq, environment);
        var errors = settings.Queue!;
        var target = errors[..^ErrorSuffix.Length];

        var (connection, channel) = await Broker.OpenAsync(broker, "forumctl messages redrive", cancellationToken);
        await using var _ = connection;
        await using var __ = channel;

        var waiting = await Broker.ExistingQueueAsync(channel, errors, broker, null, cancellationToken);
        await Broker.ExistingQueueAsync(channel, target, broker, null, cancellationToken);
        // Only what is there now: a message that fails again and comes back is not moved in circles.
        var budget = Math.Min((long)waiting, settings.Limit ?? long.MaxValue);

        var moved = 0L;
        while (moved < budget)
        {
            var message = await channel.BasicGetAsync(errors, autoAck: false, cancellationToken);
            if (message is null)
            {
                break;
            }
            try
            {
                // The default exchange routes by queue name to that queue alone: no other consumer sees it again.
                await channel.BasicPublishAsync(exchange: "", routingKey: target, mandatory: true,
                    new BasicProperties(message.BasicProperties), message.Body, cancellationToken);
            }
            catch (PublishException exception)
            {
                await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
                throw new CliException($"The broker did not take a message for queue '{target}'{(exception.IsReturn ? ": the queue is gone" : "")}; {moved:N0} were moved, the rest are still in '{errors}'.");
            }
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }

        console.MarkupLineInterpolated($"Moved [green]{moved:N0}[/] messages from {errors} back to {target}.");
        return ExitCodes.Ok;
    }
}
