using System.Diagnostics.Metrics;
using Forum.ServiceDefaults.Telemetry;

namespace Forum.Messaging;

/// <summary>What the message consumers report under the forum's meter.</summary>
public static class MessagingMetrics
{
    public static readonly Counter<long> MessagesFaulted =
        ForumTelemetry.Meter.CreateCounter<long>("forum.messages.faulted", "{message}", "Messages a consumer failed after its retries; MassTransit moves them to the queue's _error queue.");
}
