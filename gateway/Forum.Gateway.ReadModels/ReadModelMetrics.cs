using System.Diagnostics.Metrics;
using Forum.ServiceDefaults.Telemetry;

namespace Forum.Gateway.ReadModels;

/// <summary>What the read models report under the forum's meter.</summary>
public static class ReadModelMetrics
{
    public static readonly Counter<long> EventsProjected =
        ForumTelemetry.Meter.CreateCounter<long>("forum.events.projected", "{event}", "Integration events applied to a read model.");

    public static readonly Counter<long> DuplicatesIgnored =
        ForumTelemetry.Meter.CreateCounter<long>("forum.events.duplicates_ignored", "{event}", "Integration events ignored because they were already applied.");

    public static readonly Counter<long> ReadModelRebuilds =
        ForumTelemetry.Meter.CreateCounter<long>("forum.read_models.rebuilds", "{rebuild}", "Read-model rebuilds finished, by outcome (swapped or failed).");
}
