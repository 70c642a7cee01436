using Forum.Cli.Exporting;
using Forum.Cli.PostsHistory;
using Forum.Cli.Rebuilding;
using Forum.Cli.Redriving;
using Forum.Cli.Replaying;
using Forum.Cli.Statistics;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Forum.Cli;

/// <summary>forumctl's commands, runnable in process with any console (tests capture one).</summary>
public static class ForumCli
{
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("forumctl");
            config.ConfigureConsole(console);
            // An option forumctl does not know is a mistake to report, not an argument to ignore.
            config.UseStrictParsing();
            config.SetExceptionHandler((exception, _) => Report(console, exception));
            config.AddBranch("events", events =>
            {
                events.SetDescription("The services' stored events.");
                events.AddCommand<ExportCommand>("export").WithData(environment)
                    .WithDescription("Export stored events to NDJSON, CSV or Parquet, merged in time order.")
                    .WithExample("events", "export", "--service", "all", "--format", "parquet", "--out", "events.parquet");
            });
            config.AddBranch("read-models", readModels =>
            {
                readModels.SetDescription("The gateway's read models.");
                readModels.AddCommand<RebuildCommand>("rebuild").WithData(environment)
                    .WithDescription("Rebuild the read models aside from the event history and swap them in, showing progress.");
            });
            config.AddCommand<ReplayCommand>("replay").WithData(environment)
                .WithDescription("Re-publish historical events to one named queue only, with their original message ids.")
                .WithExample("replay", "--to-queue", "new-consumer", "--service", "posts", "--type", "PostPublished");
            config.AddBranch("messages", messages =>
            {
                messages.SetDescription("Messages the broker holds for the forum's consumers.");
                messages.AddCommand<RedriveCommand>("redrive").WithData(environment)
                    .WithDescription("Move the messages of a consumer's _error queue back to its queue, with their ids and headers, once their cause is fixed.")
                    .WithExample("messages", "redrive", "--queue", "gateway-post-events_error");
            });
            config.AddBranch("posts", posts =>
            {
                posts.SetDescription("Posts as they were.");
                posts.AddCommand<PostHistoryCommand>("history").WithData(environment).WithDescription("A post's revisions.");
                posts.AddCommand<PostShowCommand>("show").WithData(environment).WithDescription("A post at a version or a time.");
            });
            config.AddBranch("stats", stats =>
            {
                stats.SetDescription("Activity statistics.");
                stats.AddCommand<DailyStatsCommand>("daily").WithData(environment).WithDescription("Posts, comments, likes and views per day.");
            });
        });
        return await app.RunAsync(args, cancellationToken);
    }

    /// <summary>One clear line for what the user can fix; a stack trace only for a bug.</summary>
    private static int Report(IAnsiConsole console, Exception exception)
    {
        switch (exception)
        {
            case CliException cli:
                console.MarkupLineInterpolated($"[red]Error:[/] {cli.Message}");
                return cli.ExitCode;
            case CommandAppException usage:
                console.MarkupLineInterpolated($"[red]Error:[/] {usage.Message}");
                return ExitCodes.Usage;
            case HttpRequestException http:
                console.MarkupLineInterpolated($"[red]Error:[/] the gateway could not be reached: {http.Message}");
                return ExitCodes.Unavailable;
            case OperationCanceledException:
                console.MarkupLine("[yellow]Cancelled.[/]");
                return ExitCodes.Failed;
            default:
                console.WriteException(exception);
                return ExitCodes.Internal;
        }
    }
}
