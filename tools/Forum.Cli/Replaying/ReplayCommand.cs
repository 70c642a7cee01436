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
    public sealed class Settings : HistorySettings
    {
        [CommandOption("--to-queue <QUEUE>")]
        [Description("The queue to publish to; it must exist (its consumer declares it)")]
        public string? Queue { get; init; }

        [CommandOption("--rabbitmq <URL>")]
        [Description(Broker.OptionDescription)]
        public string? RabbitMq { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Queue))
            {
                return ValidationResult.Error("Name the queue to replay to with --to-queue.");
            }
            return Broker.Invalid(RabbitMq) is { } invalid ? ValidationResult.Error(invalid) : base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var environment = (CliEnvironment)context.Data!;
        var broker = Broker.Address(settings.RabbitMq, environment);
        using var gateway = await GatewayClient.ConnectAsync(settings, environment, needsToken: true, cancellationToken);
        await using var publisher = await QueuePublisher.ConnectAsync(broker, settings.Queue!, cancellationToken);

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
}
