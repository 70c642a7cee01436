using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Forum.Testing;
using Npgsql;

namespace Forum.System.Tests.ReadModels;

/// <summary>
/// The gateway's read models rebuilt from the services' event histories, aside, and swapped in
/// while the site keeps serving: afterwards every document is exactly what live projection made.
/// </summary>
public sealed class Rebuilding_the_read_models(ForumSystem forum) : IClassFixture<ForumSystem>
{
    private const string RebuildPath = "/api/admin/read-models/rebuild";

    private static readonly string[] Tables = ["mt_doc_postsummary", "mt_doc_commentview", "mt_doc_boardsummary", "mt_doc_dailyengagement"];

    [Fact]
    public async Task The_rebuilt_read_models_equal_the_live_ones_document_by_document_and_the_site_serves_throughout()
    {
        var expected = await WriteAHistoryAsync();
        var live = await Eventually.ValueAsync(() => SnapshotAsync("forum"), s => Converged(s, expected), what: "the live read models to converge");
        Assert.True(Converged(live, expected), "The live read models did not converge before the rebuild.");

        var reads = new List<HttpStatusCode>();
        using var stopReading = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            using var visitor = forum.Anonymous();
            while (!stopReading.IsCancellationRequested)
            {
                var page = await visitor.GetAsync($"/api/boards/{Board}/posts");
                lock (reads)
                {
                    reads.Add(page.StatusCode);
                }
                var listing = await page.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(expected.Posts, listing.GetProperty("totalPosts").GetInt64());
            }
        });

        var started = await forum.Admin.PostAsync(RebuildPath, null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var again = await forum.Admin.PostAsync(RebuildPath, null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);

        var status = await Eventually.ValueAsync(() => forum.Admin.GetFromJsonAsync<JsonElement>(RebuildPath),
            s => s.GetProperty("state").GetString() is "swapped" or "failed", timeout: TimeSpan.FromSeconds(60), what: "the rebuild to finish");
        stopReading.Cancel();
        await reader;

        Assert.True(status.GetProperty("state").GetString() == "swapped", $"The rebuild did not swap: {status}\n{forum.Logs}");
        Assert.True(status.GetProperty("eventsApplied").GetInt64() >= expected.Events, status.ToString());
        Assert.NotEmpty(reads);
        Assert.All(reads, code => Assert.Equal(HttpStatusCode.OK, code));

        var rebuilt = await SnapshotAsync("forum");
        var retired = await SnapshotAsync("forum_retired");
        Assert.Equal(live.Keys, rebuilt.Keys);
        // The rebuild fills the search and post tables first and indexes them at the end: searching
        // and board pages stay as fast as before.
        foreach (var table in new[] { "post_search", "mt_doc_postsummary" })
        {
            Assert.Equal(await IndexesAsync("forum_retired", table), await IndexesAsync("forum", table));
        }
        // A post's counts change all the time and every change inserts into every index of its
        // table: it has its key, the four listing orders and the two partial ones, nothing more.
        var postIndexes = await IndexesAsync("forum", "mt_doc_postsummary");
        Assert.True(postIndexes.Count == 7, string.Join("\n", postIndexes));
        foreach (var (table, documents) in live)
        {
            var onlyLive = documents.Keys.Except(rebuilt[table].Keys).Select(id => $"live only {id}: {documents[id].ToJsonString()}");
            var onlyRebuilt = rebuilt[table].Keys.Except(documents.Keys).Select(id => $"rebuilt only {id}: {rebuilt[table][id].ToJsonString()}");
            Assert.True(documents.Keys.Order().SequenceEqual(rebuilt[table].Keys.Order()), $"{table}:\n" + string.Join("\n", onlyLive.Concat(onlyRebuilt)));
            foreach (var (id, data) in documents)
            {
                Assert.True(JsonNode.DeepEquals(data, rebuilt[table][id]), $"{table} {id}:\nlive    {data}\nrebuilt {rebuilt[table][id]}");
                Assert.True(JsonNode.DeepEquals(data, retired[table][id]), $"{table} {id} was not retired as it was.");
            }
        }
    }

    [Fact]
    public async Task After_a_swap_live_events_keep_arriving_in_the_swapped_in_read_models()
    {
        using var member = await forum.SignUpAsync("sau_khi_đổi");
        var started = await forum.Admin.PostAsync(RebuildPath, null);
        Assert.True(started.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict);
        // Written while the rebuild runs: in the history it reads, or written into it live.
        var during = await PublishAsync(member, "Viết trong lúc dựng lại 한국");
        var status = await Eventually.ValueAsync(() => forum.Admin.GetFromJsonAsync<JsonElement>(RebuildPath),
            s => s.GetProperty("state").GetString() is "swapped" or "failed", timeout: TimeSpan.FromSeconds(60), what: "the rebuild to finish");
        Assert.Equal("swapped", status.GetProperty("state").GetString());

        var after = await PublishAsync(member, "Viết sau khi đổi");
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsJsonAsync($"/api/posts/{during}/comments", new { body = "Vẫn đếm đúng" })).StatusCode);

        using var visitor = forum.Anonymous();
        var duringPost = await Eventually.ValueAsync(async () => await visitor.GetAsync($"/api/posts/{during}") is { StatusCode: HttpStatusCode.OK } r
            ? await r.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null, what: "the post written during the rebuild");
        Assert.Equal("Viết trong lúc dựng lại 한국", duringPost!.Value.GetProperty("title").GetString());
        var counted = await Eventually.ValueAsync(() => visitor.GetFromJsonAsync<JsonElement>($"/api/posts/{during}/comments"),
            c => c.GetProperty("total").GetInt64() == 1, what: "the comment written after the swap");
        Assert.Equal(1, counted.GetProperty("total").GetInt64());
        await Eventually.ValueAsync(async () => await visitor.GetAsync($"/api/posts/{after}") is { StatusCode: HttpStatusCode.OK } ? true : (bool?)null,
            what: "the post written after the swap");
    }

    [Fact]
    public async Task Only_an_admin_may_rebuild_or_follow_a_rebuild()
    {
        using var member = await forum.SignUpAsync("không_phải_quản_trị");
        using var visitor = forum.Anonymous();

        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsync(RebuildPath, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.PostAsync(RebuildPath, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(RebuildPath)).StatusCode);
    }

    private const string Board = "dung-lai";

    private sealed record Expected(long Posts, long Comments, long Likes, long Views, long Events);

    private async Task<Expected> WriteAHistoryAsync()
    {
        await forum.CreateBoardAsync(Board, "Dựng lại");
        using var writer = await forum.SignUpAsync("người_viết_lại");
        using var reader = await forum.SignUpAsync("người_đọc_lại");
        var posts = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            posts.Add(await PublishAsync(writer, $"Bài {i} — 𝐑𝐄𝐕𝐈𝐄𝐖 tin tức 한국 {i}", Board));
        }
        var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/posts/{posts[0]}") { Content = JsonContent.Create(new { title = "Bài đã sửa", body = "Nội dung **mới**" }) };
        edit.Headers.IfMatch.Add(new global::System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        Assert.Equal(HttpStatusCode.OK, (await writer.SendAsync(edit)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/posts/{posts[5]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Admin.PostAsync($"/api/posts/{posts[1]}/pin", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Admin.PostAsync($"/api/posts/{posts[2]}/lock", null)).StatusCode);

        var comments = 0;
        for (var i = 0; i < 5; i++)
        {
            var added = await reader.PostAsJsonAsync($"/api/posts/{posts[3]}/comments", new { body = $"Bình luận {i} 좋아요" });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            comments++;
            var reply = await writer.PostAsJsonAsync($"/api/posts/{posts[3]}/comments", new { body = $"Trả lời {i}", parentId = id });
            Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
            comments++;
            if (i == 4)
            {
                Assert.Equal(HttpStatusCode.NoContent, (await reader.DeleteAsync($"/api/comments/{id}")).StatusCode);
                comments--;
            }
        }

        foreach (var post in posts.Take(4))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await reader.PutAsync($"/api/posts/{post}/like", null)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await reader.DeleteAsync($"/api/posts/{posts[3]}/like")).StatusCode);
        using var visitor = forum.Anonymous();
        foreach (var post in posts.Take(3))
        {
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/api/posts/{post}")).StatusCode);
        }
        // Boards, posts and their changes, comments and replies, likes and views, in the histories.
        return new Expected(Posts: 5, Comments: comments, Likes: 3, Views: 3, Events: 6 + 1 + 1 + 2 + 10 + 1 + 5 + 3);
    }

    private static async Task<Guid> PublishAsync(HttpClient member, string title, string board = "tin-tuc")
    {
        var published = await member.PostAsJsonAsync("/api/posts", new { board, title, body = "Xin **chào** 안녕하세요" });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        return (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static bool Converged(Dictionary<string, Dictionary<string, JsonNode>> snapshot, Expected expected)
    {
        var posts = snapshot["mt_doc_postsummary"].Values.Where(p => p["board"]?.GetValue<string>() == Board).ToList();
        return posts.Count(p => p["deleted"]?.GetValue<bool>() == false) == expected.Posts
            && posts.Sum(p => p["comments"]!.GetValue<long>()) == expected.Comments
            && posts.Sum(p => p["likes"]!.GetValue<long>()) == expected.Likes
            && posts.Sum(p => p["views"]!.GetValue<long>()) == expected.Views
            && posts.Any(p => p["pinned"]!.GetValue<bool>()) && posts.Any(p => p["locked"]!.GetValue<bool>())
            && posts.Any(p => p["title"]!.GetValue<string>() == "Bài đã sửa")
            && ActivitiesConverged(snapshot, posts.Select(p => p["id"]!.GetValue<string>()).ToHashSet(), expected);
    }

    /// <summary>
    /// Daily statistics' engagement is written after the post's counts, in a transaction of its
    /// own: counts that are right do not yet mean that every post's last day has them too.
    /// </summary>
    private static bool ActivitiesConverged(Dictionary<string, Dictionary<string, JsonNode>> snapshot, HashSet<string> postIds, Expected expected)
    {
        var days = snapshot["mt_doc_dailyengagement"].Values.Where(d => postIds.Contains(d["postId"]!.GetValue<string>())).ToList();
        return LastDaysSum("views") == expected.Views && LastDaysSum("likes") == expected.Likes;

        // Each post's count at the end of its last day with such an event.
        long LastDaysSum(string count) => days
            .Where(d => d[$"{count}Version"]!.GetValue<long>() > 0)
            .GroupBy(d => d["postId"]!.GetValue<string>())
            .Sum(post => post.MaxBy(d => d["day"]!.GetValue<string>())![count]!.GetValue<long>());
    }

    /// <summary>The definitions of a table's indexes, schema name left out.</summary>
    private async Task<List<string>> IndexesAsync(string schema, string table)
    {
        await using var connection = new NpgsqlConnection(forum.DatabaseConnections["gateway"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select indexdef from pg_indexes where schemaname = @schema and tablename = @table order by indexname", connection);
        command.Parameters.AddWithValue("schema", schema);
        command.Parameters.AddWithValue("table", table);
        var indexes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            indexes.Add(reader.GetString(0).Replace($" {schema}.", " ", StringComparison.Ordinal));
        }
        Assert.True(indexes.Count >= 5, $"{schema}.{table} has only these indexes: {string.Join("; ", indexes)}");
        return indexes;
    }

    /// <summary>Every read-model document by table and id, and every search row, as stored in a schema.</summary>
    private async Task<Dictionary<string, Dictionary<string, JsonNode>>> SnapshotAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(forum.DatabaseConnections["gateway"]);
        await connection.OpenAsync();
        var snapshot = new Dictionary<string, Dictionary<string, JsonNode>>();
        foreach (var table in Tables)
        {
            await using var command = new NpgsqlCommand($"select id::text, data::text from {schema}.{table}", connection);
            snapshot[table] = await ReadAsync(command);
        }
        await using (var search = new NpgsqlCommand(
            $"select post_id::text, json_build_object('board', board, 'title', title, 'body', body, 'publishedAt', published_at, 'deleted', deleted, 'document', document::text, 'tags', tags)::text from {schema}.post_search",
            connection))
        {
            snapshot["post_search"] = await ReadAsync(search);
        }
        return snapshot;
    }

    private static async Task<Dictionary<string, JsonNode>> ReadAsync(NpgsqlCommand command)
    {
        var rows = new Dictionary<string, JsonNode>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = JsonNode.Parse(reader.GetString(1))!;
        }
        return rows;
    }
}
