using Forum.Gateway.ReadModels.Statistics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

namespace Forum.Gateway.Web.Pages.Statistics;

/// <summary>Daily activity of the last 30 days as a picture: a bar chart drawn as SVG on the server.</summary>
public sealed class StatisticsModel(NpgsqlDataSource dataSource, TimeProvider time) : PageModel
{
    public IReadOnlyList<DailyActivity> Days { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await DailyStatistics.GetDaily(dataSource, time, cancellationToken);
        Days = (result.Result as Ok<List<DailyActivity>>)?.Value ?? [];
    }
}
