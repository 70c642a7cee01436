using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Forum.ServiceDefaults.Telemetry;

/// <summary>The forum's own traces and metrics; every service reports under these names.</summary>
public static class ForumTelemetry
{
    public const string Name = "Forum";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);
}
