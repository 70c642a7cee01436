namespace Forum.Cli.Exporting;

/// <summary>Writes exported events to a file in one format.</summary>
public interface IEventWriter : IAsyncDisposable
{
    Task WriteAsync(StoredEvent stored, CancellationToken cancellationToken);

    /// <summary>Finishes the file; without it the file may be incomplete.</summary>
    Task CompleteAsync(CancellationToken cancellationToken);
}

/// <summary>The formats <c>events export</c> writes.</summary>
public static class ExportFormats
{
    public static readonly IReadOnlyList<string> All = ["ndjson", "csv", "parquet"];

    public static IEventWriter Open(string format, Stream output) => format.ToLowerInvariant() switch
    {
        "ndjson" => new NdjsonEventWriter(output),
        "csv" => new CsvEventWriter(output),
        "parquet" => new ParquetEventWriter(output),
        _ => throw new CliException($"Unknown format '{format}': use {string.Join(", ", All)}.", ExitCodes.Usage),
    };
}
