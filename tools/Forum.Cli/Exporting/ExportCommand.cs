using System.ComponentModel;
using Forum.Cli.Connecting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Forum.Cli.Exporting;

/// <summary><c>events export</c>: the stored events of one or more services to a file, streamed.</summary>
public sealed class ExportCommand(IAnsiConsole console) : AsyncCommand<ExportCommand.Settings>
{
    public sealed class Settings : HistorySettings
    {
        [CommandOption("--format <FORMAT>")]
        [Description("ndjson, csv or parquet")]
        [DefaultValue("ndjson")]
        public string Format { get; init; } = "ndjson";

        [CommandOption("--out <FILE>")]
        [Description("The file to write (replaced if it exists)")]
        public string? Out { get; init; }

        public override ValidationResult Validate()
        {
            if (!ExportFormats.All.Contains(Format.ToLowerInvariant()))
            {
                return ValidationResult.Error($"Unknown format '{Format}': use {string.Join(", ", ExportFormats.All)}.");
            }
            if (string.IsNullOrWhiteSpace(Out))
            {
                return ValidationResult.Error("Name the file to write with --out.");
            }
            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var environment = (CliEnvironment)context.Data!;
        using var gateway = await GatewayClient.ConnectAsync(settings, environment, needsToken: true, cancellationToken);
        var readers = settings.ServiceNames.Select(s => new FeedReader(gateway, s)).ToList();
        var after = settings.After ?? 0;
        var filter = settings.Filter;
        var output = Path.GetFullPath(settings.Out!);
        // Written beside the target and moved over it at the end, so a failed export leaves no half file behind.
        var partial = output + ".partial";

        HistoryProgress? progress = null;
        try
        {
            await HistoryProgress.For(console).StartAsync(async progressContext =>
            {
                progress = new HistoryProgress(progressContext, readers, after);
                await using var file = File.Create(partial);
                await using var writer = ExportFormats.Open(settings.Format, file);
                var histories = readers.Select(r => r.ReadAsync(after, cancellationToken)).ToList();
                await foreach (var stored in EventMerge.MergeAsync(histories, cancellationToken))
                {
                    var keep = filter.Keeps(stored);
                    if (keep)
                    {
                        await writer.WriteAsync(stored, cancellationToken);
                    }
                    progress.Saw(stored, keep);
                }
                await writer.CompleteAsync(cancellationToken);
                progress.Finish();
            });
            File.Move(partial, output, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }

        console.MarkupLineInterpolated($"Wrote [green]{progress!.Written:N0}[/] of {progress.Read:N0} events read to {output} ({settings.Format.ToLowerInvariant()}).");
        foreach (var (service, last) in progress.LastSequences.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            console.MarkupLineInterpolated($"Last sequence of {service}: {last} (resume with --service {service} --after {last})");
        }
        return ExitCodes.Ok;
    }
}
