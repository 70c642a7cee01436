namespace Forum.Cli;

/// <summary>
/// A failure the user can act on (bad input, a refused call, a server that is away): reported as
/// one clear line and an exit code, never as a stack trace.
/// </summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Failed) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>The exit codes forumctl returns, so scripts can tell failures apart.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The work failed (a rebuild that failed, a refused call).</summary>
    public const int Failed = 1;
    /// <summary>The command line was wrong: an unknown option, service or format.</summary>
    public const int Usage = 2;
    /// <summary>The gateway or the broker could not be reached.</summary>
    public const int Unavailable = 3;
    /// <summary>A bug: something nobody expected; the stack trace is shown.</summary>
    public const int Internal = 70;
}
