using System.Diagnostics.Metrics;
using Forum.ServiceDefaults.Telemetry;

namespace Forum.Posts.Uploads;

/// <summary>What operators watch of uploads, reported under the forum's own meter.</summary>
public static class UploadMetrics
{
    public static readonly Counter<long> Accepted =
        ForumTelemetry.Meter.CreateCounter<long>("forum.uploads.accepted", "{upload}", "Images accepted and stored (or found already stored).");

    public static readonly Counter<long> Refused =
        ForumTelemetry.Meter.CreateCounter<long>("forum.uploads.refused", "{upload}", "Uploads refused, by reason.");

    public static readonly Counter<long> Bytes =
        ForumTelemetry.Meter.CreateCounter<long>("forum.uploads.bytes", "By", "Bytes of accepted uploads: as received, and as stored (WebP).");

    public static readonly Histogram<double> EncodeDuration =
        ForumTelemetry.Meter.CreateHistogram<double>("forum.uploads.encode.duration", "s", "Time to check and re-encode one uploaded image.");

    public static void RecordRefused(UploadRefusal refusal) =>
        Refused.Add(1, new KeyValuePair<string, object?>("reason", ImageUploadRules.Tag(refusal)));

    public static void RecordAccepted(long receivedBytes, long storedBytes, bool alreadyStored)
    {
        Accepted.Add(1, new KeyValuePair<string, object?>("duplicate", alreadyStored));
        Bytes.Add(receivedBytes, new KeyValuePair<string, object?>("stage", "received"));
        if (!alreadyStored)
        {
            Bytes.Add(storedBytes, new KeyValuePair<string, object?>("stage", "stored"));
        }
    }
}
