using System.Globalization;
using Forum.Gateway.ReadModels.Statistics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Gateway.QueryApi;

/// <summary>
/// <c>GET /api/stats/daily?from=&amp;to=</c>: one row per UTC day from <c>from</c> to <c>to</c>
/// inclusive (by default the last 30 days), days without activity included.
/// </summary>
public static class StatisticsApi
{
    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/stats/daily", GetDaily).WithName("DailyStatistics");
        return app;
    }

    internal static async Task<Results<Ok<List<DailyActivity>>, ValidationProblem>> GetDaily(
        DailyStatistics statistics, CancellationToken cancellationToken, string? from = null, string? to = null)
    {
        var errors = new Dictionary<string, string[]>();
        var last = ParseDate(to, "to", errors) ?? statistics.Today;
        var first = ParseDate(from, "from", errors) ?? last.AddDays(1 - DailyStatistics.DefaultDays);
        if (errors.Count == 0 && first > last)
        {
            errors["from"] = ["from is on or before to."];
        }
        else if (errors.Count == 0 && last.DayNumber - first.DayNumber + 1 > DailyStatistics.MaxDays)
        {
            errors["to"] = [$"Ask for at most {DailyStatistics.MaxDays} days."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(await statistics.DaysAsync(first, last, cancellationToken));
    }

    private static DateOnly? ParseDate(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }
        // Bounded so that the day after the last and the default first day are dates too (9999-12-31 has no next day).
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 1970 and <= 9000)
        {
            return date;
        }
        errors[name] = [$"{name} is a date, yyyy-MM-dd, from 1970 to 9000."];
        return null;
    }
}
