using System.Reflection;

namespace Forum.Testing;

/// <summary>Where the repository and its build outputs are, seen from a running test.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Forum.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Forum.slnx above {AppContext.BaseDirectory}: tests run from inside the repository.");
    });

    public static string Root => RootPath.Value;

    /// <summary>Debug or Release: the configuration these tests (and so the services) were built in.</summary>
    public static string Configuration { get; } = typeof(RepositoryPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "Configuration")?.Value ?? "Debug";

    public static string InRepository(params string[] parts) => Path.Combine([Root, .. parts]);
}
