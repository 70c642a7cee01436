namespace Forum.Gateway.ReadModels.Rebuilding;

/// <summary>What a rebuild of the read models is doing.</summary>
public static class RebuildStates
{
    public const string Idle = "idle";

    /// <summary>The rebuild's empty tables are being made; live events are not written there yet.</summary>
    public const string Preparing = "preparing";

    public const string Running = "running";
    public const string Swapped = "swapped";
    public const string Failed = "failed";
}

/// <summary>
/// The one record of the latest read-model rebuild, shared by every gateway replica through the
/// gateway's database: replicas read it to know whether to write live events into the rebuild
/// too, and admins read it to follow the rebuild's progress.
/// </summary>
public sealed record RebuildStatus
{
    public const string Key = "read-models";

    public string Id { get; init; } = Key;
    public string State { get; init; } = RebuildStates.Idle;
    public int Generation { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Positions read in the services' event histories, summed.</summary>
    public long EventsApplied { get; init; }

    /// <summary>How far the services' histories reached when they were first read, summed (it grows if they do).</summary>
    public long EventsTotal { get; init; }

    public double EventsPerSecond { get; init; }
    public string? Error { get; init; }

    /// <summary>The replica running the rebuild, and when it last said so; a silent runner is presumed gone.</summary>
    public string? Runner { get; init; }

    public DateTimeOffset? Heartbeat { get; init; }

    /// <summary>A rebuild is under way and its runner is alive: no other may start.</summary>
    public bool IsBusy(DateTimeOffset now) =>
        State is RebuildStates.Preparing or RebuildStates.Running && Heartbeat is { } beat && now - beat < RebuildWatcher.RunnerSilenceLimit;

    /// <summary>Live events must be written into the rebuild as well.</summary>
    public bool IsRunning(DateTimeOffset now) => State == RebuildStates.Running && IsBusy(now);
}

/// <summary>The status as the admin API shows it.</summary>
public sealed record RebuildStatusView(
    string State, int Generation, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    long EventsApplied, long EventsTotal, double EventsPerSecond, string? Error)
{
    public static RebuildStatusView From(RebuildStatus status) => new(
        status.State, status.Generation, status.StartedAt, status.FinishedAt,
        status.EventsApplied, status.EventsTotal, Math.Round(status.EventsPerSecond, 1), status.Error);
}
