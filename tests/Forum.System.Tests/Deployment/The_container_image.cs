using System.Diagnostics;
using System.Net;
using Forum.Testing;

namespace Forum.System.Tests.Deployment;

/// <summary>
/// deploy/docker/Dockerfile cannot be built where there is no Docker engine, so it is read: two
/// stages (the SDK builds, a small runtime image ships), a non-root user, a health check that asks
/// /health/ready; and the health probe it runs is run here against a real listener.
/// </summary>
public sealed class The_container_image
{
    private static readonly string[] Lines = ReadInstructions();

    /// <summary>The Dockerfile's instructions, continuation lines joined and comments dropped.</summary>
    private static string[] ReadInstructions()
    {
        var text = File.ReadAllText(RepositoryPaths.InRepository("deploy", "docker", "Dockerfile"));
        var withoutComments = string.Join('\n', text.Split('\n').Where(line => !line.TrimStart().StartsWith('#')));
        return withoutComments.Replace("\\\n", " ", StringComparison.Ordinal)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static IEnumerable<string> Instructions(string keyword) =>
        Lines.Where(line => line.StartsWith(keyword + " ", StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> FinalStage() =>
        Lines.SkipWhile((_, index) => index < Array.FindLastIndex(Lines, line => line.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase)));

    [Fact]
    public void It_builds_with_the_SDK_and_ships_only_the_ASP_NET_Core_runtime()
    {
        var stages = Instructions("FROM").ToList();
        Assert.True(stages.Count >= 2, "the image is not built in stages");
        Assert.Contains("dotnet/sdk:", stages[0]);
        var runtime = stages[^1];
        Assert.Contains("mcr.microsoft.com/dotnet/aspnet:", runtime);
        // The small, shell-less flavour, with ICU for Vietnamese and Korean text.
        Assert.Contains("chiseled-extra", runtime);
        Assert.All(FinalStage().Where(line => line.StartsWith("COPY ", StringComparison.Ordinal)), copy => Assert.Contains("--from=build", copy));
    }

    [Fact]
    public void It_runs_as_a_user_other_than_root()
    {
        var user = FinalStage().Last(line => line.StartsWith("USER ", StringComparison.Ordinal))["USER ".Length..].Trim();
        Assert.DoesNotContain(user, new[] { "root", "0", "0:0" });
        Assert.Equal("$APP_UID", user);
    }

    [Fact]
    public void Its_health_check_asks_the_service_whether_it_is_ready()
    {
        var healthCheck = Assert.Single(FinalStage(), line => line.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        Assert.Contains("CMD [\"dotnet\", \"/probe/Forum.HealthProbe.dll\", \"http://127.0.0.1:8080/health/ready\"]", healthCheck);
        Assert.Contains("ASPNETCORE_HTTP_PORTS=8080", string.Join('\n', FinalStage()));
        Assert.True(File.Exists(RepositoryPaths.InRepository("deploy", "docker", "Forum.HealthProbe", "Forum.HealthProbe.csproj")));
    }

    [Fact]
    public void Everything_it_copies_exists_and_it_starts_the_service_it_was_built_for()
    {
        foreach (var copy in Instructions("COPY").Where(line => !line.Contains("--from=", StringComparison.Ordinal)))
        {
            var sources = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1];
            Assert.All(sources, source => Assert.True(
                File.Exists(RepositoryPaths.InRepository(source)) || Directory.Exists(RepositoryPaths.InRepository(source)),
                $"the Dockerfile copies {source}, which does not exist"));
        }
        Assert.Contains("ENTRYPOINT [\"/app/forum-service\"]", Lines);
        Assert.Contains(Lines, line => line.Contains("mv \"/app/$(basename \"${PROJECT}\")\" /app/forum-service", StringComparison.Ordinal));
    }

    [Fact]
    public void The_build_context_leaves_out_local_build_outputs_and_secrets()
    {
        var ignored = File.ReadAllLines(RepositoryPaths.InRepository(".dockerignore"));
        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
        Assert.Contains(".env", ignored);
    }

    [Fact]
    public async Task The_health_probe_passes_a_ready_service_and_fails_an_unready_or_silent_one()
    {
        using var listener = new HttpListener();
        var port = ServiceProcess.FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
                {
                    // Stopped by the test.
                    return;
                }
                context.Response.StatusCode = context.Request.Url!.AbsolutePath == "/health/ready" ? 200 : 503;
                context.Response.Close();
            }
        });

        Assert.Equal(0, await ProbeAsync($"http://127.0.0.1:{port}/health/ready"));
        Assert.Equal(1, await ProbeAsync($"http://127.0.0.1:{port}/health/unready"));
        listener.Stop();
        await serving;
        Assert.Equal(1, await ProbeAsync($"http://127.0.0.1:{ServiceProcess.FreePort()}/health/ready"));
    }

    private static async Task<int> ProbeAsync(string url)
    {
        var probe = RepositoryPaths.InRepository("deploy", "docker", "Forum.HealthProbe", "bin", RepositoryPaths.Configuration, "net10.0", "Forum.HealthProbe.dll");
        Assert.True(File.Exists(probe), $"the health probe is not built: {probe}");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [probe, url]) { RedirectStandardError = true })!;
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
