using System.Diagnostics.Metrics;
using Forum.ServiceDefaults.Telemetry;

namespace Forum.EventSourcing.PersonalData;

public static class PersonalDataMetrics
{
    public static readonly Counter<long> MembersForgotten = ForumTelemetry.Meter.CreateCounter<long>(
        "forum.members.forgotten", "{member}", "Members who left and whose keys this service deleted.");
}
