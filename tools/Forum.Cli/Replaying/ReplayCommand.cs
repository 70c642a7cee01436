using System.ComponentModel;
using Forum.Cli.Connecting;
using Forum.Cli.Exporting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Forum.Cli.Replaying;

/// <summary>
/// <c>replay</c>: re-publishes historical events, in time order, to one named queue only, so a
/// new consumer can build its state from the history while live consumers get nothing extra.
/// </summary>
public sealed class ReplayCommand(IAnsiConsole console) : AsyncCommand<ReplayCommand.Settings>
{
    public const string DefaultBroker = "amqp://guest:guest@127.0.0.1:55672/";

    public sealed class Settings : HistorySettings
    {
        [CommandOption("--to-queue <QUEUE>")]
        [Description("The queue to publish to; it must exist (its consumer declares it)")]
        public string? Queue { get; init; }

        [CommandOption("--rabbitmq <URL>")]
        [Description("The broker, amqp://user:password@host:port/vhost. Default: $FORUM_RABBITMQ, else " + DefaultBroker)]
        public string? RabbitMq { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Queue))
            {
                return ValidationResult.Error("Name the queue to replay to with --to-queue.");
            }
            if (RabbitMq is not null && !IsBroker(RabbitMq))
            {
                return ValidationResult.Error($"--rabbitmq must be an amqp:// or amqps:// URL, not '{RabbitMq}'.");
            }
            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var environment = (CliEnvironment)context.Data!;
        var address = settings.RabbitMq ?? environment.Variable("FORUM_RABBITMQ") ?? DefaultBroker;
        if (!IsBroker(address))
        {
            throw new CliException($"FORUM_RABBITMQ must be an amqp:// or amqps:// URL, not '{address}'.", ExitCodes.Usage);
        }
        using var gateway = await GatewayClient.ConnectAsync(settings, environment, needsToken: true, cancellationToken);
        await using var publisher = await QueuePublisher.ConnectAsync(new Uri(address), settings.Queue!, cancellationToken);

        var readers = settings.ServiceNames.Select(s => new FeedReader(gateway, s)).ToList();
        var after = settings.After ?? 0;
        var filter = settings.Filter;
        HistoryProgress? progress = null;
        await HistoryProgress.For(console).StartAsync(async progressContext =>
        {
            progress = new HistoryProgress(progressContext, readers, after);
            var histories = readers.Select(r => r.ReadAsync(after, cancellationToken)).ToList();
            await foreach (var stored in EventMerge.MergeAsync(histories, cancellationToken))
            {
                var keep = filter.Keeps(stored);
                if (keep)
                {
                    await publisher.PublishAsync(stored, cancellationToken);
                }
                progress.Saw(stored, keep);
            }
            progress.Finish();
        });

        console.MarkupLineInterpolated(
            $"Replayed [green]{progress!.Written:N0}[/] of {progress.Read:N0} events to queue {settings.Queue} ({progress.EventsPerSecond:N0} events/s read).");
        return ExitCodes.Ok;
    }

    private static bool IsBroker(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == "amqp" || uri.Scheme == "amqps");
}
