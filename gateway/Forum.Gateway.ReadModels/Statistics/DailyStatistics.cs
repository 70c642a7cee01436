using System.Globalization;
using Forum.Gateway.ReadModels.Search;
using Npgsql;

namespace Forum.Gateway.ReadModels.Statistics;

/// <summary>One day of the forum's activity (UTC).</summary>
public sealed record DailyActivity(DateOnly Date, long Posts, long Comments, long Likes, long Views);

/// <summary>
/// The forum's activity per UTC day: one row per day of a range, days without activity included. Counted at query time by SQL over the read-model
/// documents, so it is exactly as idempotent as they are: a redelivered event changes nothing.
/// A day counts what was written that day, whether or not it was deleted later (see the
/// decision record on daily statistics): posts by their publication time, comments by theirs,
/// views by when they were counted, likes as each day's net change (likes minus unlikes).
/// </summary>
public sealed class DailyStatistics(NpgsqlDataSource dataSource, TimeProvider time)
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

    /// <summary>Today, in UTC: the last day of the default range.</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>The last <see cref="DefaultDays"/> days, today included.</summary>
    public Task<List<DailyActivity>> RecentAsync(CancellationToken cancellationToken) =>
        DaysAsync(Today.AddDays(1 - DefaultDays), Today, cancellationToken);

    /// <summary>Every day from <paramref name="first"/> to <paramref name="last"/>, both included (at most <see cref="MaxDays"/>).</summary>
    public async Task<List<DailyActivity>> DaysAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
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
        return days;
    }
}
