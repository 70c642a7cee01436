namespace Forum.Cli.Rebuilding;

/// <summary>The gateway's read-model rebuild, as <c>GET /api/admin/read-models/rebuild</c> reports it.</summary>
public sealed record RebuildStatus(
    string State,
    long Generation,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long EventsApplied,
    long EventsTotal,
    double EventsPerSecond,
    string? Error)
{
    public const string Idle = "idle";
    public const string Running = "running";
    public const string Swapped = "swapped";
    public const string Failed = "failed";

    public bool IsFinished => State is Swapped or Failed;
}
