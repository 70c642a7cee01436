using System.Diagnostics;
using System.Net;

namespace Forum.Bench.Forum;

/// <summary>
/// One forum service run from its Release build as its own process, as an operator runs it (the
/// same way the system tests do): content root in its project folder, Production environment,
/// listening on loopback. Its output goes to a log file of the run.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string _assemblyPath;
    private readonly string _workingDirectory;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly StreamWriter _log;
    private Process? _process;

    public ServiceProcess(string name, string assemblyPath, string workingDirectory, int port, IReadOnlyDictionary<string, string> environment, string logDirectory, params string[] arguments)
    {
        Name = name;
        Port = port;
        _assemblyPath = assemblyPath;
        _workingDirectory = workingDirectory;
        _environment = environment;
        Arguments = arguments;
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException($"{name} is not built; run `dotnet build -c Release` first.", assemblyPath);
        }
        Directory.CreateDirectory(logDirectory);
        _log = new StreamWriter(Path.Combine(logDirectory, name + ".log")) { AutoFlush = true };
    }

    public string Name { get; }

    public int Port { get; }

    public string[] Arguments { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public int? ProcessId => _process is { HasExited: false } ? _process.Id : null;

    /// <summary>From process start to the first 200 of <c>/health/ready</c>.</summary>
    public TimeSpan? StartUpTime { get; private set; }

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet", [_assemblyPath, .. Arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _workingDirectory,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Name}.");
        _process.OutputDataReceived += (_, e) => Write(e.Data);
        _process.ErrorDataReceived += (_, e) => Write(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts the process and waits for <c>/health/ready</c>, recording how long that took.</summary>
    public async Task StartAndWaitAsync(TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        Start();
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (stopwatch.Elapsed < timeout)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready; see its log.");
            }
            try
            {
                using var response = await client.GetAsync("health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    StartUpTime = stopwatch.Elapsed;
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"{Name} was not ready within {timeout}; see its log.");
    }

    /// <summary>Resident memory now, from /proc, in MiB; null once the process has gone.</summary>
    public double? ResidentMegabytes() => StatusMegabytes("VmRSS:");

    /// <summary>
    /// The anonymous part of the resident memory (heaps, stacks, native allocations): what is the
    /// process's own, without the mapped framework files and the twice-mapped JIT code that RSS
    /// also counts and that other .NET processes on the machine share.
    /// </summary>
    public double? PrivateMegabytes() => StatusMegabytes("RssAnon:");

    private double? StatusMegabytes(string field)
    {
        if (ProcessId is not { } pid)
        {
            return null;
        }
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var kilobytes = long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                    return kilobytes / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }
        return null;
    }

    /// <summary>SIGTERM, as an orchestrator stops a service; SIGKILL if it has not gone in time.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }
        using (var signal = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process?.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
