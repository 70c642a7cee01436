namespace Forum.Bench;

/// <summary>The command line of a run (bench/run.sh passes the servers it started).</summary>
public sealed record BenchOptions(string Postgres, Uri RabbitMq, Uri RabbitMqManagement, int BasePort, string Output, bool Quick, string? SeedKey, bool Fresh)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }
        string Required(string name) => Value(name) ?? throw new ArgumentException($"{name} is required (bench/run.sh passes it).");

        return new BenchOptions(
            Required("--postgres"),
            new Uri(Required("--rabbitmq")),
            new Uri(Required("--rabbitmq-management")),
            int.Parse(Value("--port") ?? "61600", System.Globalization.CultureInfo.InvariantCulture),
            Value("--output") ?? "results.md",
            args.Contains("--quick"),
            Value("--seed-key") is { Length: > 0 } key ? key : null,
            args.Contains("--fresh"));
    }
}
