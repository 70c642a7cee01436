namespace Forum.Cli;

/// <summary>
/// What the commands take from the world around them: the environment's defaults, how HTTP is
/// sent and how long to wait between polls. Tests swap these; the tool uses the real ones.
/// </summary>
public sealed class CliEnvironment
{
    public Func<string, string?> Variable { get; init; } = Environment.GetEnvironmentVariable;

    public Func<HttpMessageHandler> HttpHandler { get; init; } = () => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
