using System.Diagnostics.Metrics;
using Forum.ServiceDefaults.Telemetry;

namespace Forum.Gateway.Reading;

/// <summary>What reading positions report under the forum's meter.</summary>
public static class ReadingMetrics
{
    public static readonly Counter<long> PositionsMoved =
        ForumTelemetry.Meter.CreateCounter<long>("forum.reading.positions_moved", "{position}", "Reading positions moved by members opening posts, before they are merged for writing.");

    public static readonly Histogram<long> PositionsWritten =
        ForumTelemetry.Meter.CreateHistogram<long>("forum.reading.positions_written", "{position}", "Reading positions written in one statement: how many page views one write stands for.");

    public static readonly Counter<long> BoardsMarkedRead =
        ForumTelemetry.Meter.CreateCounter<long>("forum.reading.boards_marked_read", "{board}", "Boards members marked as read.");
}
