using System.Diagnostics;
using System.Diagnostics.Metrics;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Telemetry;

namespace Forum.Gateway.Web;

/// <summary>
/// Read-your-own-writes for the forms: a form that changed something sends the writer to a page
/// that shows it. The read model trails the write (by milliseconds, more when the projection is
/// slow), so the handler waits until the read model, which every replica shares, holds what the
/// service answered: the new comment, the post's stream version in the answer's <c>ETag</c>. The
/// wait is bounded (<see cref="Bound"/>): a projection that is down must not hold the writer's
/// request for ever, and then the page shows the change as soon as it is projected.
/// </summary>
public static class ReadModelWait
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);

    private static readonly Histogram<double> Waited = ForumTelemetry.Meter.CreateHistogram<double>("forum.web.read_your_writes.wait", "s",
        "How long a form's write waited for the read model to show it, by outcome: shown, or not within the bound.");

    /// <summary>Waits until <paramref name="shows"/> is true or the bound has passed; whether it was shown.</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> shows, CancellationToken cancellationToken)
    {
        using var activity = ForumTelemetry.Source.StartActivity("wait for the read model");
        var started = Stopwatch.GetTimestamp();
        var shown = await shows();
        while (!shown && Stopwatch.GetElapsedTime(started) < Bound)
        {
            await Task.Delay(Step, cancellationToken);
            shown = await shows();
        }
        var outcome = shown ? "shown" : "bound_passed";
        activity?.SetTag("forum.read_your_writes.outcome", outcome);
        Waited.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
        return shown;
    }

    /// <summary>The stream version a service answered with in <c>ETag</c> (<c>"3"</c>), if any.</summary>
    public static long? AnsweredVersion(HttpResponseMessage answer) => EntityTags.ParseVersion(answer.Headers.ETag?.ToString());
}
