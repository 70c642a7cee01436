using Forum.Gateway.ReadModels.Statistics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Forum.Gateway.Web.Pages.Statistics;

/// <summary>Daily activity of the last 30 days as a picture: a bar chart drawn as SVG on the server.</summary>
public sealed class StatisticsModel(DailyStatistics statistics) : PageModel
{
    public IReadOnlyList<DailyActivity> Days { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Days = await statistics.RecentAsync(cancellationToken);
    }
}
