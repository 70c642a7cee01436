using System.ComponentModel;
using System.Globalization;
using Forum.Cli.Connecting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Forum.Cli.Statistics;

/// <summary>One day of activity, as <c>GET /api/stats/daily</c> answers.</summary>
public sealed record DailyActivity(DateOnly Date, long Posts, long Comments, long Likes, long Views);

/// <summary><c>stats daily --from --to [--chart]</c>: a table of the days, or a bar chart per measure.</summary>
public sealed class DailyStatsCommand(IAnsiConsole console) : AsyncCommand<DailyStatsCommand.Settings>
{
    public sealed class Settings : GatewaySettings
    {
        [CommandOption("--from <DATE>")]
        [Description("The first day, yyyy-MM-dd (UTC). Default: 30 days before --to")]
        public string? From { get; init; }

        [CommandOption("--to <DATE>")]
        [Description("The last day, yyyy-MM-dd (UTC). Default: today")]
        public string? To { get; init; }

        [CommandOption("--chart")]
        [Description("Draw bar charts instead of a table")]
        public bool Chart { get; init; }

        public override ValidationResult Validate()
        {
            foreach (var (value, name) in new[] { (From, "--from"), (To, "--to") })
            {
                if (value is not null && !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    return ValidationResult.Error($"{name} is a date such as 2026-11-28, not '{value}'.");
                }
            }
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var gateway = await GatewayClient.ConnectAsync(settings, (CliEnvironment)context.Data!, needsToken: false, cancellationToken);
        var query = string.Join('&', new[] { ("from", settings.From), ("to", settings.To) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={p.Item2}"));
        var days = await gateway.GetJsonAsync<List<DailyActivity>>($"/api/stats/daily{(query.Length > 0 ? "?" + query : "")}", "reporting daily statistics", cancellationToken);

        if (settings.Chart)
        {
            foreach (var (measure, color, value) in Measures)
            {
                var chart = new BarChart().Label($"[bold]{measure}[/] per day").Width(Math.Min(console.Profile.Width, 100));
                foreach (var day in days)
                {
                    chart.AddItem(day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), value(day), color);
                }
                console.Write(chart);
                console.WriteLine();
            }
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumn("Day (UTC)");
        foreach (var (measure, _, _) in Measures)
        {
            table.AddColumn(new TableColumn(measure).RightAligned());
        }
        foreach (var day in days)
        {
            table.AddRow([day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), .. Measures.Select(m => m.Value(day).ToString("N0", CultureInfo.InvariantCulture))]);
        }
        table.AddRow([
            "[bold]total[/]", .. Measures.Select(m => $"[bold]{days.Sum(m.Value).ToString("N0", CultureInfo.InvariantCulture)}[/]")]);
        console.Write(table);
        return ExitCodes.Ok;
    }

    private static readonly (string Name, Color Color, Func<DailyActivity, long> Value)[] Measures =
    [
        ("Posts", Color.Green, d => d.Posts),
        ("Comments", Color.Blue, d => d.Comments),
        ("Likes", Color.Red, d => d.Likes),
        ("Views", Color.Yellow, d => d.Views),
    ];
}
