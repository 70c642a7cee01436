using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.History;

/// <summary>Admins read each service's stored events, in order, in their integration shapes, through the gateway.</summary>
[Collection(SharedForum.Name)]
public sealed class Reading_the_event_feeds(ForumSystem forum)
{
    private async Task<List<JsonElement>> FeedAsync(HttpClient client, string service, string query = "")
    {
        var response = await client.GetAsync($"/api/admin/events/{service}{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
    }

    [Fact]
    public async Task The_posts_feed_holds_every_event_in_order_with_its_sequence_stream_version_and_shape()
    {
        using var author = await forum.SignUpAsync("nhà_sử_học");
        var created = await author.PostAsJsonAsync("/api/posts", new { board = "tin-tuc", title = "Lịch sử", body = "Bản đầu" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/posts/{id}") { Content = JsonContent.Create(new { title = "Lịch sử (sửa)", body = "Bản hai" }) };
        edit.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.OK, (await author.SendAsync(edit)).StatusCode);

        var events = await FeedAsync(forum.Admin, "posts");

        var sequences = events.Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "BoardCreated" && e.GetProperty("data").GetProperty("slug").GetString() == "tin-tuc");
        var mine = events.Where(e => e.GetProperty("streamId").GetGuid() == id).ToList();
        Assert.Equal(["PostPublished", "PostEdited"], mine.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal([1L, 2L], mine.Select(e => e.GetProperty("version").GetInt64()));
        Assert.Equal("Lịch sử (sửa)", mine[1].GetProperty("data").GetProperty("title").GetString());
        Assert.True(mine[0].GetProperty("metadata").TryGetProperty("traceparent", out _));

        var after = await FeedAsync(forum.Admin, "posts", $"?after={mine[0].GetProperty("sequence").GetInt64()}&limit=1");
        Assert.Equal(mine[1].GetProperty("eventId").GetGuid(), Assert.Single(after).GetProperty("eventId").GetGuid());
    }

    [Fact]
    public async Task The_comments_feed_serves_comment_events()
    {
        using var author = await forum.SignUpAsync("người_ghi_chép");
        var created = await author.PostAsJsonAsync("/api/posts", new { board = "hoi-dap", title = "Hỏi", body = "?" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await author.PostAsJsonAsync($"/api/posts/{id}/comments", new { body = "Đáp" })).StatusCode);

        var events = await FeedAsync(forum.Admin, "comments");

        Assert.Contains(events, e => e.GetProperty("type").GetString() == "CommentAdded" && e.GetProperty("data").GetProperty("postId").GetGuid() == id);
    }

    [Fact]
    public async Task The_engagement_feed_serves_likes()
    {
        using var author = await forum.SignUpAsync("được_thích");
        using var fan = await forum.SignUpAsync("người_hâm_mộ");
        var created = await author.PostAsJsonAsync("/api/posts", new { board = "doi-song", title = "Thích không?", body = "!" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.ValueAsync(() => fan.PutAsync($"/api/posts/{id}/like", null), r => r.StatusCode == HttpStatusCode.NoContent);

        var events = await FeedAsync(forum.Admin, "engagement");

        Assert.Contains(events, e => e.GetProperty("streamId").GetGuid() == id && e.GetProperty("data").GetProperty("likes").GetInt64() == 1);
    }

    [Fact]
    public async Task Only_admins_read_the_feeds_and_bad_paging_is_a_400_problem()
    {
        using var member = await forum.SignUpAsync("tò_mò");

        Assert.Equal(HttpStatusCode.Unauthorized, (await forum.Anonymous().GetAsync("/api/admin/events/posts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/admin/events/posts")).StatusCode);
        foreach (var query in new[] { "?after=-1", "?limit=0", "?limit=100000", "?after=abc" })
        {
            var response = await forum.Admin.GetAsync($"/api/admin/events/posts{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
