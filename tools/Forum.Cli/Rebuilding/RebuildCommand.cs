using System.Net;
using System.Net.Http.Json;
using Forum.Cli.Connecting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Forum.Cli.Rebuilding;

/// <summary>
/// <c>read-models rebuild</c>: asks the gateway to rebuild its read models aside and swap them
/// in, then follows it once a second with a progress bar until it has swapped (exit 0) or
/// failed (exit 1). A rebuild already running is followed rather than refused.
/// </summary>
public sealed class RebuildCommand(IAnsiConsole console) : AsyncCommand<GatewaySettings>
{
    public const string Path = "/api/admin/read-models/rebuild";

    public override async Task<int> ExecuteAsync(CommandContext context, GatewaySettings settings, CancellationToken cancellationToken)
    {
        var environment = (CliEnvironment)context.Data!;
        using var gateway = await GatewayClient.ConnectAsync(settings, environment, needsToken: true, cancellationToken);

        var status = await StartAsync(gateway, cancellationToken);
        var generation = status.Generation;

        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"generation {generation}", maxValue: Math.Max(1, status.EventsTotal));
                Show(task, status);
                while (!(status.IsFinished && status.Generation >= generation))
                {
                    await Task.Delay(environment.PollInterval, cancellationToken);
                    status = await gateway.GetJsonAsync<RebuildStatus>(Path, "reporting the rebuild", cancellationToken);
                    Show(task, status);
                }
            });

        if (status.State == RebuildStatus.Failed)
        {
            throw new CliException($"The rebuild of generation {status.Generation} failed: {status.Error ?? "no reason given"}.");
        }
        var took = status is { StartedAt: { } started, FinishedAt: { } finished } ? $" in {(finished - started).TotalSeconds:N1} s" : "";
        console.MarkupLineInterpolated(
            $"[green]Swapped[/]: generation {status.Generation} serves the read models, rebuilt from {status.EventsApplied:N0} events{took} ({status.EventsPerSecond:N0} events/s).");
        return ExitCodes.Ok;
    }

    /// <summary>Starts a rebuild, or joins the one that is running.</summary>
    private async Task<RebuildStatus> StartAsync(GatewayClient gateway, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path);
        using var response = await gateway.SendAsync(request, "starting a rebuild", cancellationToken, HttpStatusCode.Conflict);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            console.MarkupLine("A rebuild is already running; following it.");
            return await gateway.GetJsonAsync<RebuildStatus>(Path, "reporting the rebuild", cancellationToken);
        }
        return await response.Content.ReadFromJsonAsync<RebuildStatus>(Json.Options, cancellationToken)
            ?? throw new CliException("The gateway started a rebuild but sent no status.");
    }

    private static void Show(ProgressTask task, RebuildStatus status)
    {
        task.MaxValue = Math.Max(1, status.EventsTotal);
        task.Value = Math.Min(status.EventsApplied, task.MaxValue);
        task.Description = $"generation {status.Generation} [grey]{status.State}, {status.EventsApplied:N0}/{status.EventsTotal:N0} events, {status.EventsPerSecond:N0} events/s[/]";
    }
}
