using System.Net;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Forum.Testing;

namespace Forum.Cli.Tests.Exporting;

/// <summary>
/// The README's worked example, run as written: export everything to Parquet, then ask DuckDB
/// for views and likes per board per day.
/// </summary>
[Collection(ForumCollection.Name)]
public sealed class Answering_questions_with_duckdb(ForumUnderTest forum) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("forumctl-duckdb-").FullName;

    /// <summary>The SQL block of the README's worked example.</summary>
    private static string ReadmeQuery()
    {
        var readme = File.ReadAllText(RepositoryPaths.InRepository("README.md"));
        var example = readme[readme.IndexOf("### Worked example: views and likes per board per day", StringComparison.Ordinal)..];
        return Regex.Match(example, "```sql\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
    }

    [Fact]
    public async Task The_readme_query_on_a_parquet_export_counts_views_and_likes_per_board_per_day()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        string[] boards = [$"duck-{tag}-a", $"duck-{tag}-b"];
        foreach (var board in boards)
        {
            await forum.CreateBoardAsync(board, $"Bảng {board}");
        }
        using var author = await forum.SignUpAsync($"tác_giả_{tag}");
        using var fan1 = await forum.SignUpAsync($"fan_một_{tag}");
        using var fan2 = await forum.SignUpAsync($"fan_hai_{tag}");
        var first = await forum.PublishAsync(author, "Đếm lượt xem", board: boards[0]);
        var second = await forum.PublishAsync(author, "Đếm lượt thích", board: boards[1]);

        // Board a: two likes, one taken back, three readers. Board b: one like, one reader.
        await Eventually.ValueAsync(() => fan1.PutAsync($"/api/posts/{first}/like", null), r => r.StatusCode == HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.NoContent, (await fan2.PutAsync($"/api/posts/{first}/like", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await fan1.DeleteAsync($"/api/posts/{first}/like")).StatusCode);
        await Eventually.ValueAsync(() => fan1.PutAsync($"/api/posts/{second}/like", null), r => r.StatusCode == HttpStatusCode.NoContent);
        foreach (var (post, reader) in new[] { (first, 1), (first, 2), (first, 3), (second, 1) })
        {
            using var client = forum.Anonymous();
            client.DefaultRequestHeaders.UserAgent.ParseAdd($"Mozilla/5.0 (X11; Linux x86_64) Reader/{reader}");
            await Eventually.ValueAsync(() => client.GetAsync($"/api/posts/{post}"), r => r.StatusCode == HttpStatusCode.OK);
        }
        var engagement = await Eventually.ValueAsync(
            () => forum.FeedAsync("engagement"),
            events => ViewsOf(events, first) == 3 && ViewsOf(events, second) == 1,
            what: "the views in the engagement feed");
        Assert.Equal(3, ViewsOf(engagement, first));

        var export = Path.Combine(_folder, "events.parquet");
        var run = await forum.ForumctlAsync(["events", "export", "--service", "all", "--format", "parquet", "--out", export, .. forum.AsAdmin]);
        Assert.True(run.ExitCode == 0, run.Output);

        var rows = new List<(string Board, DateOnly Day, long Views, long Likes)>();
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = ReadmeQuery().Replace("'events.parquet'", $"'{export}'", StringComparison.Ordinal);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), DateOnly.FromDateTime(reader.GetDateTime(1)),
                    long.Parse(reader.GetValue(2).ToString()!), long.Parse(reader.GetValue(3).ToString()!)));
            }
        }

        var days = engagement.Where(e => e.GetProperty("streamId").GetGuid() == first || e.GetProperty("streamId").GetGuid() == second)
            .Select(e => DateOnly.FromDateTime(e.GetProperty("time").GetDateTimeOffset().UtcDateTime)).ToHashSet();
        var mine = rows.Where(r => boards.Contains(r.Board)).ToList();
        Assert.All(mine, r => Assert.Contains(r.Day, days));
        Assert.Equal(3, mine.Where(r => r.Board == boards[0]).Sum(r => r.Views));
        Assert.Equal(1, mine.Where(r => r.Board == boards[0]).Sum(r => r.Likes));
        Assert.Equal(1, mine.Where(r => r.Board == boards[1]).Sum(r => r.Views));
        Assert.Equal(1, mine.Where(r => r.Board == boards[1]).Sum(r => r.Likes));
    }

    private static long ViewsOf(IEnumerable<System.Text.Json.JsonElement> events, Guid post) => events
        .Where(e => e.GetProperty("type").GetString() == "ViewsCounted" && e.GetProperty("streamId").GetGuid() == post)
        .Sum(e => e.GetProperty("data").GetProperty("added").GetInt64());

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
