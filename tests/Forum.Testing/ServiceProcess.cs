using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Forum.Testing;

/// <summary>
/// One forum service running as its own process, from its build output, the way an operator runs
/// it: it can be stopped gracefully, killed with SIGKILL and started again.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string _assemblyPath;
    private readonly string _projectDirectory;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public ServiceProcess(string name, string projectDirectory, IReadOnlyDictionary<string, string> environment, int? port = null)
    {
        Name = name;
        Port = port ?? FreePort();
        _environment = environment;
        var assemblyName = Path.GetFileName(projectDirectory);
        _projectDirectory = RepositoryPaths.InRepository(projectDirectory);
        _assemblyPath = RepositoryPaths.InRepository(projectDirectory, "bin", RepositoryPaths.Configuration, "net10.0", assemblyName + ".dll");
        if (!File.Exists(_assemblyPath))
        {
            throw new FileNotFoundException($"{assemblyName} is not built in {RepositoryPaths.Configuration}; build the solution first.", _assemblyPath);
        }
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>How the last run ended: 0 for a clean exit, 137 after SIGKILL; null while it runs.</summary>
    public int? ExitCode => _process is { HasExited: true } ended ? ended.ExitCode : null;

    /// <summary>What the service wrote to stdout and stderr, for a failing test's message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public void Start()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }
        var start = new ProcessStartInfo("dotnet", [_assemblyPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The project folder is the content root, as with `dotnet run`: wwwroot and appsettings live there.
            WorkingDirectory = _projectDirectory,
        };
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Name}.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan? timeout = null)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        // Generous: on a busy 2-core machine many test classes start their services at once.
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (DateTime.UtcNow < deadline)
        {
            if (!IsRunning)
            {
                throw new InvalidOperationException($"{Name} exited with {_process?.ExitCode} before it was ready:\n{Output}");
            }
            try
            {
                using var response = await client.GetAsync("health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{Name} was not ready in time:\n{Output}");
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything.</summary>
    public void Kill()
    {
        if (IsRunning)
        {
            _process!.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>SIGTERM, as an orchestrator stops a service, then waits for it to exit.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (!IsRunning)
        {
            return;
        }
        using (var signal = Process.Start("kill", ["-TERM", _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine($"[{Name}] {line}");
        }
    }

    private static readonly HashSet<int> Handed = [];

    /// <summary>
    /// A free port below the kernel's ephemeral range (32768 and up), never handed out twice: while
    /// a process is stopped its port must not go to some client's outgoing connection, or it
    /// could not start again.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            lock (Handed)
            {
                if (!Handed.Add(port))
                {
                    continue;
                }
            }
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }
    }
}
