using System.Diagnostics;

namespace Forum.Bench.Forum;

/// <summary>
/// CPU time used by the forum's processes, PostgreSQL, RabbitMQ and the load generator itself,
/// from <c>/proc</c>: where the two cores went during a run. PostgreSQL's backends come and go
/// with the connections, so its figure includes what the backends that have exited used
/// (counted in the postmaster's children's time).
/// </summary>
public static class CpuTime
{
    /// <summary>Starts watching: <see cref="Watch.Cores"/> then tells the cores each process used since.</summary>
    public static Watch Start(IReadOnlyList<ServiceProcess> forum) => new(forum, Sample(forum), Stopwatch.StartNew());

    public sealed record Watch(IReadOnlyList<ServiceProcess> Forum, Dictionary<string, TimeSpan> Before, Stopwatch Clock)
    {
        public string Cores() => Describe(Before, Sample(Forum), Clock.Elapsed);
    }

    public static Dictionary<string, TimeSpan> Sample(IEnumerable<ServiceProcess> forum)
    {
        var used = new Dictionary<string, TimeSpan>();
        foreach (var process in forum)
        {
            if (process.ProcessId is { } id && Read(id) is { } time)
            {
                used[process.Name] = time;
            }
        }
        var postgres = TimeSpan.Zero;
        var rabbitMq = TimeSpan.Zero;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var id))
            {
                switch (ReadComm(directory))
                {
                    case "postgres":
                        postgres += Read(id, withExitedChildren: true) ?? TimeSpan.Zero;
                        break;
                    case "beam.smp":
                        rabbitMq += Read(id) ?? TimeSpan.Zero;
                        break;
                }
            }
        }
        used["PostgreSQL"] = postgres;
        used["RabbitMQ"] = rabbitMq;
        used["load generator"] = Read(Environment.ProcessId) ?? TimeSpan.Zero;
        return used;
    }

    /// <summary>Cores used per process between two samples taken <paramref name="elapsed"/> apart.</summary>
    public static string Describe(Dictionary<string, TimeSpan> before, Dictionary<string, TimeSpan> after, TimeSpan elapsed) =>
        string.Join(", ", after.Where(p => before.ContainsKey(p.Key))
            .Select(p => (p.Key, Cores: (p.Value - before[p.Key]).TotalSeconds / elapsed.TotalSeconds))
            .OrderByDescending(p => p.Cores)
            .Select(p => $"{p.Key} {p.Cores:N2}"));

    private static string? ReadComm(string directory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(directory, "comm")).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// User and system time of a process (fields 14 and 15 of <c>/proc/PID/stat</c>, in clock ticks
    /// of 1/100 s), and with <paramref name="withExitedChildren"/> that of its children it has
    /// waited for (fields 16 and 17).
    /// </summary>
    private static TimeSpan? Read(int processId, bool withExitedChildren = false)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            // The command name (field 2) may hold spaces; the fields after it are counted from its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = (withExitedChildren ? fields[11..15] : fields[11..13]).Sum(field => long.Parse(field, System.Globalization.CultureInfo.InvariantCulture));
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
