using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Statistics;

/// <summary>The forum's daily activity, as an analyst or a dashboard reads it through the gateway.</summary>
public sealed class Daily_statistics(ForumSystem forum) : IClassFixture<ForumSystem>
{
    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private Task<JsonElement> DaysAsync(string query) => forum.Client.GetFromJsonAsync<JsonElement>($"/api/stats/daily{query}");

    private static (long Posts, long Comments) Counts(JsonElement day) => (day.GetProperty("posts").GetInt64(), day.GetProperty("comments").GetInt64());

    private static (long Likes, long Views) Engagement(JsonElement day) => (day.GetProperty("likes").GetInt64(), day.GetProperty("views").GetInt64());

    [Fact]
    public async Task Likes_and_views_given_today_are_counted_today_and_an_unlike_takes_its_like_back()
    {
        var before = Engagement((await DaysAsync($"?from={Today}&to={Today}"))[0]);
        using var author = await forum.SignUpAsync("tác_giả_thống_kê");
        using var readers = new DisposableList { await forum.SignUpAsync("độc_giả_1"), await forum.SignUpAsync("độc_giả_2") };
        var published = await author.PostAsJsonAsync("/api/posts", new { board = "doi-song", title = "Được thích và được xem", body = "Xem đi." });
        var id = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.ValueAsync(async () => (await forum.Client.GetAsync($"/api/posts/{id}")).IsSuccessStatusCode ? true : (bool?)null, what: "the post");

        foreach (var reader in readers)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await reader.PutAsync($"/api/posts/{id}/like", null)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/posts/{id}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await readers[1].DeleteAsync($"/api/posts/{id}/like")).StatusCode);

        // Two likes and one unlike: one like today. Three readers saw it: the anonymous probe and two members.
        var today = await Eventually.ValueAsync(() => DaysAsync($"?from={Today}&to={Today}"),
            d => Engagement(d[0]) == (before.Likes + 1, before.Views + 3), what: "today's likes and views");
        Assert.Equal((before.Likes + 1, before.Views + 3), Engagement(today[0]));
    }

    private sealed class DisposableList : List<HttpClient>, IDisposable
    {
        public void Dispose() => ForEach(client => client.Dispose());
    }

    [Fact]
    public async Task Posts_and_comments_published_today_are_counted_today()
    {
        var before = Counts((await DaysAsync($"?from={Today}&to={Today}"))[0]);
        using var member = await forum.SignUpAsync("thống_kê");
        var ids = new List<Guid>();
        foreach (var title in new[] { "Thống kê một", "통계 둘" })
        {
            var published = await member.PostAsJsonAsync("/api/posts", new { board = "doi-song", title, body = "Đếm tôi nhé." });
            Assert.Equal(HttpStatusCode.Created, published.StatusCode);
            ids.Add((await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsJsonAsync($"/api/posts/{ids[0]}/comments", new { body = "Bình luận đầu tiên" })).StatusCode);

        var days = await Eventually.ValueAsync(() => DaysAsync($"?from={Today}&to={Today}"),
            d => Counts(d[0]) == (before.Posts + 2, before.Comments + 1), what: "today's counts to grow");

        var today = Assert.Single(days.EnumerateArray());
        Assert.Equal(Today, today.GetProperty("date").GetString());
        Assert.Equal((before.Posts + 2, before.Comments + 1), Counts(today));
    }

    [Fact]
    public async Task Every_day_of_the_range_has_a_row_and_quiet_days_show_zeros()
    {
        var from = DateTime.UtcNow.Date.AddDays(-10);

        var days = (await DaysAsync($"?from={from:yyyy-MM-dd}&to={Today}")).EnumerateArray().ToList();
        var lastMonth = (await DaysAsync("")).EnumerateArray().ToList();

        Assert.Equal(Enumerable.Range(0, 11).Select(i => from.AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            days.Select(d => d.GetProperty("date").GetString()));
        Assert.All(days.Take(10), day => Assert.Equal((0, 0), Counts(day)));
        Assert.Equal(30, lastMonth.Count);
        Assert.Equal(Today, lastMonth[^1].GetProperty("date").GetString());
    }

    [Theory]
    [InlineData("?from=2026-11-28&to=2026-11-01", "from")]
    [InlineData("?from=2025-01-01&to=2026-01-02", "to")]
    [InlineData("?from=2026-13-01", "from")]
    [InlineData("?to=28/11/2026", "to")]
    public async Task A_bad_range_is_a_400_problem_naming_the_date(string query, string field)
    {
        var response = await forum.Client.GetAsync($"/api/stats/daily{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_whole_leap_year_is_allowed()
    {
        var days = await DaysAsync("?from=2028-01-01&to=2028-12-31");

        Assert.Equal(366, days.GetArrayLength());
    }
}
