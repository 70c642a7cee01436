using Forum.Gateway.ReadModels.Statistics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Forum.Gateway.Web.Pages.Statistics;

/// <summary>
/// Daily activity of the last 30 days: the totals, a bar chart drawn as SVG on the server with a
/// value axis in round steps, and the same numbers as a table for those who read rather than look.
/// </summary>
public sealed class StatisticsModel(DailyStatistics statistics) : PageModel
{
    public IReadOnlyList<DailyActivity> Days { get; private set; } = [];

    public long TotalPosts => Days.Sum(day => day.Posts);

    public long TotalComments => Days.Sum(day => day.Comments);

    public long TotalLikes => Days.Sum(day => day.Likes);

    public long TotalViews => Days.Sum(day => day.Views);

    /// <summary>The value axis: four equal steps of a round size (1, 2 or 5 times a power of ten) reaching at least the highest bar.</summary>
    public IReadOnlyList<long> Ticks { get; private set; } = [0, 1];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Days = await statistics.RecentAsync(cancellationToken);
        Ticks = RoundTicks(Days.Count == 0 ? 0 : Days.Max(day => Math.Max(day.Posts, day.Comments)));
    }

    public static IReadOnlyList<long> RoundTicks(long highest, int steps = 4)
    {
        var raw = Math.Max(1, (long)Math.Ceiling(highest / (double)steps));
        var power = (long)Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1L, 2L, 5L, 10L }.Select(factor => factor * power).First(size => size >= raw);
        return Enumerable.Range(0, steps + 1).Select(i => i * step).ToList();
    }
}
