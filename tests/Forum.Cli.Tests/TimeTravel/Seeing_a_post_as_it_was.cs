using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.Cli.Tests.TimeTravel;

/// <summary>A post edited five times, seen at each version and at a time between two edits.</summary>
[Collection(ForumCollection.Name)]
public sealed class Seeing_a_post_as_it_was(ForumUnderTest forum)
{
    [Fact]
    public async Task A_post_edited_five_times_has_six_revisions_and_shows_as_it_was_at_each_version_and_time()
    {
        using var author = await forum.SignUpAsync("người_sửa_bài");
        var id = await forum.PublishAsync(author, "Phiên bản 1", body: "Thân bài 1");
        for (var version = 2; version <= 6; version++)
        {
            await ForumUnderTest.EditAsync(author, id, version - 1, $"Phiên bản {version}", $"Thân bài {version}");
        }
        var gateway = new[] { "--gateway", forum.Gateway.BaseAddress.ToString() };

        var history = await forum.ForumctlAsync(["posts", "history", id.ToString(), .. gateway]);

        Assert.True(history.ExitCode == 0, history.Output);
        Assert.Contains("6 revisions", history.Output);
        for (var version = 1; version <= 6; version++)
        {
            Assert.Contains($"Phiên bản {version}", history.Output);
        }

        for (var version = 1; version <= 6; version++)
        {
            var shown = await forum.ForumctlAsync(["posts", "show", id.ToString(), "--version", version.ToString(), .. gateway]);
            Assert.True(shown.ExitCode == 0, shown.Output);
            Assert.Contains($"Phiên bản {version}", shown.Output);
            Assert.Contains($"Thân bài {version}", shown.Output);
            Assert.DoesNotContain($"Phiên bản {(version % 6) + 1}", shown.Output);
        }

        // Between the third and the fourth version, by the times the events were stored.
        var stream = (await forum.FeedAsync("posts")).Where(e => e.GetProperty("streamId").GetGuid() == id).ToList();
        var third = stream.Single(e => e.GetProperty("version").GetInt64() == 3).GetProperty("time").GetDateTimeOffset();
        var fourth = stream.Single(e => e.GetProperty("version").GetInt64() == 4).GetProperty("time").GetDateTimeOffset();
        var between = third + (fourth - third) / 2;

        var then = await forum.ForumctlAsync(["posts", "show", id.ToString(), "--at", between.ToString("O"), .. gateway]);

        Assert.True(then.ExitCode == 0, then.Output);
        Assert.Contains("Phiên bản 3", then.Output);
        Assert.Contains("Thân bài 3", then.Output);
        Assert.DoesNotContain("Phiên bản 4", then.Output);

        var beforeItExisted = await forum.ForumctlAsync(["posts", "show", id.ToString(), "--at", stream[0].GetProperty("time").GetDateTimeOffset().AddSeconds(-1).ToString("O"), .. gateway]);
        Assert.Equal(ExitCodes.Usage, beforeItExisted.ExitCode);
        Assert.Contains("404", beforeItExisted.Output);
    }

    [Fact]
    public async Task Daily_statistics_show_as_a_table_and_as_bar_charts()
    {
        using var author = await forum.SignUpAsync("người_thống_kê");
        await forum.PublishAsync(author, "Thống kê");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var gateway = new[] { "--gateway", forum.Gateway.BaseAddress.ToString() };

        await Eventually.ValueAsync(
            async () => (await forum.Client.GetFromJsonAsync<JsonElement>($"/api/stats/daily?from={today}&to={today}"))[0],
            d => d.GetProperty("posts").GetInt64() > 0,
            what: "today's post in the statistics");

        // Other tests' events may still be arriving: the table must agree with the API read just before it.
        string Row(JsonElement d) => $@"{today}\s*│\s*{d.GetProperty("posts").GetInt64()}\s*│\s*{d.GetProperty("comments").GetInt64()}\s*│";
        var (day, table) = await Eventually.ValueAsync(async () =>
            {
                var api = (await forum.Client.GetFromJsonAsync<JsonElement>($"/api/stats/daily?from={today}&to={today}"))[0];
                return (api, await forum.ForumctlAsync(["stats", "daily", "--from", today, "--to", today, .. gateway]));
            },
            sample => System.Text.RegularExpressions.Regex.IsMatch(sample.Item2.Output, Row(sample.api)), what: "the table to agree with the API");
        var chart = await forum.ForumctlAsync(["stats", "daily", "--from", today, "--to", today, "--chart", .. gateway]);

        Assert.True(table.ExitCode == 0, table.Output);
        Assert.Matches(Row(day), table.Output);
        Assert.Contains("Posts", table.Output);
        Assert.Contains("total", table.Output);
        Assert.True(chart.ExitCode == 0, chart.Output);
        Assert.Contains("Views per day", chart.Output);
        Assert.Contains(today, chart.Output);
    }
}
