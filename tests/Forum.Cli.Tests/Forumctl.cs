using Spectre.Console.Testing;

namespace Forum.Cli.Tests;

/// <summary>What one run of forumctl printed, and its exit code.</summary>
public sealed record CliRun(int ExitCode, string Output)
{
    /// <summary>A stack trace shows up as "   at Namespace.Type.Method"; users must never see one for their own mistakes.</summary>
    public bool ShowsStackTrace => Output.Contains("   at ", StringComparison.Ordinal);
}

/// <summary>Runs forumctl in process, as a user would from a shell, with a captured console.</summary>
public static class Forumctl
{
    public static async Task<CliRun> RunAsync(CliEnvironment environment, params string[] args)
    {
        var console = new TestConsole().Width(160);
        var exit = await ForumCli.RunAsync(args, console, environment);
        return new CliRun(exit, console.Output);
    }

    /// <summary>The world of a test: no variable of the machine leaks in.</summary>
    public static CliEnvironment Isolated(Func<HttpMessageHandler>? handler = null, TimeSpan? pollInterval = null) => new()
    {
        Variable = _ => null,
        HttpHandler = handler ?? (() => new SocketsHttpHandler()),
        PollInterval = pollInterval ?? TimeSpan.FromSeconds(1),
    };
}
