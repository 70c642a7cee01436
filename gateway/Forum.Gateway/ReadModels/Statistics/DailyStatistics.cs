using System.Globalization;
using Forum.Gateway.ReadModels.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Forum.Gateway.ReadModels.Statistics;

/// <summary>One day of the forum's activity (UTC).</summary>
public sealed record DailyActivity(DateOnly Date, long Posts, long Comments, long Likes, long Views);

/// <summary>
/// <c>GET /api/stats/daily?from=&amp;to=</c>: one row per UTC day from <c>from</c> to <c>to</c>
/// inclusive, days without activity included. Counted at query time by SQL over the read-model
/// documents, so it is exactly as idempotent as they are: a redelivered event changes nothing.
/// A day counts what was written that day, whether or not it was deleted later (see the
/// decision record on daily statistics): posts by their publication time, comments by theirs,
/// views by when they were counted, likes as each day's net change (likes minus unlikes).
/// </summary>
public static class DailyStatistics
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;

    // Each measure is one CTE of (day, n) and one column below.
    private static readonly string Sql = $"""
        with days as (
            select generate_series(@from::date, @to::date, interval '1 day')::date as day),
        posts as (
            select (forum.mt_immutable_timestamptz(data ->> 'publishedAt') at time zone 'UTC')::date as day, count(*) as n
            from {SearchSchema.PostSummaryTable}
            where (data ->> 'contentVersion')::bigint > 0
              and forum.mt_immutable_timestamptz(data ->> 'publishedAt') >= @start
              and forum.mt_immutable_timestamptz(data ->> 'publishedAt') < @end
            group by 1),
        comments as (
            select (forum.mt_immutable_timestamptz(data ->> 'createdAt') at time zone 'UTC')::date as day, count(*) as n
            from forum.mt_doc_commentview
            where (data ->> 'contentVersion')::bigint > 0
              and forum.mt_immutable_timestamptz(data ->> 'createdAt') >= @start
              and forum.mt_immutable_timestamptz(data ->> 'createdAt') < @end
            group by 1),
        views as ({ChangePerDay("views")}),
        likes as ({ChangePerDay("likes")})
        select days.day, coalesce(posts.n, 0), coalesce(comments.n, 0), coalesce(likes.n, 0)::bigint, coalesce(views.n, 0)::bigint
        from days
        left join posts on posts.day = days.day
        left join comments on comments.day = days.day
        left join likes on likes.day = days.day
        left join views on views.day = days.day
        order by days.day
        """;

    /// <summary>
    /// A day's views or likes: each post's count at the end of the day less its count at the end
    /// of its previous day with such an event (none: zero), from <see cref="DailyEngagement"/>.
    /// The previous day may lie before the range, so the range is applied after the difference.
    /// </summary>
    private static string ChangePerDay(string count) => $"""
        select day, sum(change) as n
        from (select (data ->> 'day')::date as day,
                     (data ->> '{count}')::bigint - lag((data ->> '{count}')::bigint, 1, 0::bigint)
                         over (partition by data ->> 'postId' order by (data ->> 'day')::date) as change
              from forum.mt_doc_dailyengagement
              where (data ->> '{count}Version')::bigint > 0) changes
        where day >= @from and day <= @to
        group by day
        """;

    public static IEndpointRouteBuilder MapDailyStatistics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/stats/daily", GetDaily).WithName("DailyStatistics");
        return app;
    }

    internal static async Task<Results<Ok<List<DailyActivity>>, ValidationProblem>> GetDaily(
        NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken, string? from = null, string? to = null)
    {
        var errors = new Dictionary<string, string[]>();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var last = ParseDate(to, "to", errors) ?? today;
        var first = ParseDate(from, "from", errors) ?? (to is null ? today.AddDays(1 - DefaultDays) : last.AddDays(1 - DefaultDays));
        if (errors.Count == 0 && first > last)
        {
            errors["from"] = ["from is on or before to."];
        }
        else if (errors.Count == 0 && last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            errors["to"] = [$"Ask for at most {MaxDays} days."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("from", first);
        command.Parameters.AddWithValue("to", last);
        command.Parameters.AddWithValue("start", new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        command.Parameters.AddWithValue("end", new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var days = new List<DailyActivity>(last.DayNumber - first.DayNumber + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add(new DailyActivity(reader.GetFieldValue<DateOnly>(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }
        return TypedResults.Ok(days);
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
