using Microsoft.Extensions.Configuration;
using OpenTelemetry.Trace;

namespace Forum.ServiceDefaults.Telemetry;

/// <summary>
/// Keeps a share of traces, whole. A trace that is not kept is still recorded in memory (not
/// exported), so its context, with the "not sampled" flag, goes on into every call and message
/// after it: a service or consumer further on follows that decision instead of starting a trace
/// of its own with a fresh one. Dropping instead would lose the context at the first hop.
/// </summary>
public sealed class HeadSampler : Sampler
{
    private static readonly SamplingResult Kept = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult NotKept = new(SamplingDecision.RecordOnly);

    private readonly TraceIdRatioBasedSampler _ratio;

    private HeadSampler(double rate) => _ratio = new TraceIdRatioBasedSampler(rate);

    /// <summary>The share of traces kept (0 to 1), one in ten by default.</summary>
    public const string RateSetting = "Forum:Tracing:SampleRate";

    /// <summary>The sampler every service uses: where a trace starts, keep the configured share; elsewhere follow the caller.</summary>
    public static Sampler From(IConfiguration configuration)
    {
        var rate = Math.Clamp(configuration.GetValue<double?>(RateSetting) ?? 0.1, 0, 1);
        var notKept = new FollowNotKept();
        return new ParentBasedSampler(new HeadSampler(rate),
            remoteParentSampled: new AlwaysOnSampler(), remoteParentNotSampled: notKept,
            localParentSampled: new AlwaysOnSampler(), localParentNotSampled: notKept);
    }

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        _ratio.ShouldSample(samplingParameters).Decision == SamplingDecision.RecordAndSample ? Kept : NotKept;

    /// <summary>Under a caller whose trace is not kept: recorded for its context, never exported.</summary>
    private sealed class FollowNotKept : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) => NotKept;
    }
}
