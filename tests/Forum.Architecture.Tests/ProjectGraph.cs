using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Forum.Testing;

namespace Forum.Architecture.Tests;

/// <summary>The production projects of the repository and what they reference, read from their files and their built assemblies.</summary>
public static class ProjectGraph
{
    /// <summary>Every project that is not a test, by name, with the folder it lives in.</summary>
    public static IReadOnlyDictionary<string, string> Projects { get; } =
        Directory.EnumerateFiles(RepositoryPaths.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(path) && !Path.GetRelativePath(RepositoryPaths.Root, path).StartsWith("tests" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToDictionary(path => Path.GetFileNameWithoutExtension(path), path => Path.GetDirectoryName(path)!);

    /// <summary>The projects a project names in its <c>ProjectReference</c> items.</summary>
    public static IReadOnlyList<string> ReferencesOf(string project)
    {
        var file = Path.Combine(Projects[project], project + ".csproj");
        return XDocument.Load(file).Descendants("ProjectReference")
            .Select(reference => Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();
    }

    /// <summary>The assemblies a project's compiled assembly refers to: only those its code really uses.</summary>
    public static IReadOnlyList<string> AssemblyReferencesOf(string project)
    {
        var assembly = Path.Combine(Projects[project], "bin", RepositoryPaths.Configuration, "net10.0", project + ".dll");
        Assert.True(File.Exists(assembly), $"{assembly} is not built");
        using var stream = File.OpenRead(assembly);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name)).ToList();
    }

    private static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules" or ".local");
}
