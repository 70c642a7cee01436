using System.Globalization;
using System.Text;
using Forum.Bench.Load;

namespace Forum.Bench.Reporting;

/// <summary>One line of the results table.</summary>
public sealed record Row(string Figure, string Forum, string Reference, string Ratio, string Goal, bool? Met);

/// <summary>The figures of one run, written as <c>bench/results.md</c>.</summary>
public sealed class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly List<Row> _rows = [];
    private readonly List<(string Name, LoadResult Result)> _runs = [];
    private readonly List<(string Name, string Value)> _facts = [];
    private readonly List<string> _notes = [];

    public void Add(Row row)
    {
        _rows.Add(row);
        var met = row.Met switch { true => "met", false => "NOT met", null => "" };
        Console.WriteLine($"  = {row.Figure}: {row.Forum} | ref {row.Reference} | {row.Ratio} | goal {row.Goal} {met}");
    }

    /// <summary>Throughput against its reference: ratio and goal as a share of the reference.</summary>
    public void Throughput(string figure, LoadResult forum, LoadResult reference, double goalShare, double? absoluteGoal = null, string unit = "req/s")
    {
        var ratio = forum.PerSecond / reference.PerSecond;
        var goal = $"≥ {goalShare:P0}" + (absoluteGoal is { } a ? $", ≥ {a:N0} {unit}" : "");
        Add(new Row(figure, $"{forum.PerSecond:N0} {unit}", $"{reference.PerSecond:N0} {unit}", Percent(ratio), goal,
            ratio >= goalShare && (absoluteGoal is null || forum.PerSecond >= absoluteGoal)));
    }

    /// <summary>A share as a percentage, with decimals where a whole number would read 0 %.</summary>
    public static string Percent(double ratio) => ratio < 0.01 ? ratio.ToString("P2", Invariant) : ratio.ToString("P0", Invariant);

    /// <summary>p99 latency against its reference's; judged only where the issue sets a goal.</summary>
    public void Latency(string figure, LoadResult forum, LoadResult? reference, double? goalMilliseconds)
    {
        var p99 = forum.Percentile(99);
        Add(new Row(figure, $"{p99:N1} ms", reference is null ? "—" : $"{reference.Percentile(99):N1} ms",
            reference is null ? "—" : $"{p99 / reference.Percentile(99):N1}×",
            goalMilliseconds is { } goal ? $"≤ {goal:N0} ms" : "—", goalMilliseconds is { } g ? p99 <= g : null));
    }

    public void Run(string name, LoadResult result)
    {
        _runs.Add((name, result));
        Console.WriteLine($"  {name,-52} {result.Describe()}");
    }

    public void Fact(string name, string value)
    {
        _facts.Add((name, value));
        Console.WriteLine($"  {name}: {value}");
    }

    public void Note(string note) => _notes.Add(note);

    public string ToMarkdown(string title, IEnumerable<string> header)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {title}").AppendLine();
        foreach (var line in header)
        {
            md.AppendLine(line);
        }
        md.AppendLine();
        md.AppendLine("| figure | forum | reference | ratio | goal | met? |");
        md.AppendLine("|---|---:|---:|---:|---|---|");
        foreach (var row in _rows)
        {
            var met = row.Met switch { true => "yes", false => "**no**", null => "—" };
            md.AppendLine(CultureInfo.InvariantCulture, $"| {row.Figure} | {row.Forum} | {row.Reference} | {row.Ratio} | {row.Goal} | {met} |");
        }
        md.AppendLine();
        md.AppendLine("## Every load run").AppendLine();
        md.AppendLine("| run | requests/s | p50 ms | p90 ms | p99 ms | max ms | ok | errors |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, r) in _runs)
        {
            md.AppendLine(string.Format(Invariant, "| {0} | {1:N0} | {2:N2} | {3:N2} | {4:N2} | {5:N1} | {6:N0} | {7:N0} |",
                name, r.PerSecond, r.Percentile(50), r.Percentile(90), r.Percentile(99), r.MaxMilliseconds, r.Succeeded, r.Errors));
        }
        if (_facts.Count > 0)
        {
            md.AppendLine().AppendLine("## Other figures of the run").AppendLine();
            md.AppendLine("| what | figure |").AppendLine("|---|---:|");
            foreach (var (name, value) in _facts)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value} |");
            }
        }
        if (_notes.Count > 0)
        {
            md.AppendLine().AppendLine("## Notes").AppendLine();
            foreach (var note in _notes)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            }
        }
        return md.ToString();
    }
}
