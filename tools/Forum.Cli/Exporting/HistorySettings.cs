using System.ComponentModel;
using System.Globalization;
using Forum.Cli.Connecting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Forum.Cli.Exporting;

/// <summary>Which part of the history a command reads: services, a time window, event types, a resume point.</summary>
public class HistorySettings : GatewaySettings
{
    [CommandOption("--service <SERVICE>")]
    [Description("posts, comments, engagement (comma-separated for several) or all")]
    [DefaultValue("all")]
    public string Service { get; init; } = "all";

    [CommandOption("--from <TIME>")]
    [Description("Only events at or after this time (ISO 8601, UTC unless an offset is given)")]
    public string? From { get; init; }

    [CommandOption("--to <TIME>")]
    [Description("Only events before this time")]
    public string? To { get; init; }

    [CommandOption("--type <TYPE>")]
    [Description("Only events of this type, such as PostPublished (repeatable)")]
    public string[] Types { get; init; } = [];

    [CommandOption("--after <SEQUENCE>")]
    [Description("Resume after this sequence number (with one --service): the last sequence of an earlier run")]
    public long? After { get; init; }

    public IReadOnlyList<string> ServiceNames => Services.Parse(Service);

    public EventFilter Filter => new(ParseTime(From, "--from"), ParseTime(To, "--to"), Types);

    public override ValidationResult Validate()
    {
        try
        {
            var services = ServiceNames;
            var filter = Filter;
            if (filter.From is { } from && filter.To is { } to && from >= to)
            {
                return ValidationResult.Error("--from must be before --to.");
            }
            if (After is not null && services.Count != 1)
            {
                return ValidationResult.Error("--after is a sequence number of one service: name it with --service.");
            }
            if (After < 0)
            {
                return ValidationResult.Error("--after is a sequence number from 0.");
            }
        }
        catch (CliException exception)
        {
            return ValidationResult.Error(exception.Message);
        }
        return ValidationResult.Success();
    }

    public static DateTimeOffset? ParseTime(string? value, string option)
    {
        if (value is null)
        {
            return null;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }
        throw new CliException($"{option} must be an ISO 8601 time such as 2026-11-28T09:30:00Z, not '{value}'.", ExitCodes.Usage);
    }
}

/// <summary>Which events to keep: a time window (from inclusive, to exclusive) and types (none means all).</summary>
public sealed record EventFilter(DateTimeOffset? From, DateTimeOffset? To, IReadOnlyCollection<string> Types)
{
    public bool Keeps(StoredEvent stored) =>
        (From is not { } from || stored.Time >= from)
        && (To is not { } to || stored.Time < to)
        && (Types.Count == 0 || Types.Contains(stored.Type, StringComparer.OrdinalIgnoreCase));
}
