using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Bookmarks;

/// <summary>A member's bookmarks through the API: their own, newest first, page by page, with notes; gone content says so.</summary>
[Collection(SharedForum.Name)]
public sealed class Bookmarking(ForumSystem forum)
{
    private Task<Guid> PublishAsync(HttpClient author, string title) => author.PublishAsync(forum.Client, "tin-tuc", title, "Nội dung để đánh dấu.");

    [Fact]
    public async Task A_member_bookmarks_posts_and_a_comment_with_notes_reads_them_newest_first_and_a_deleted_post_shows_as_gone()
    {
        using var author = await forum.SignUpAsync("tác_giả_đánh_dấu");
        using var reader = await forum.SignUpAsync("bạn_đọc_đánh_dấu");
        using var stranger = await forum.SignUpAsync("người_lạ_đánh_dấu");
        var first = await PublishAsync(author, "Kinh nghiệm xin visa 비자");
        var second = await PublishAsync(author, "𝐑𝐄𝐕𝐈𝐄𝐖 nhà trọ ở Seoul");
        var comment = await Eventually.ValueAsync(() => author.PostAsJsonAsync($"/api/posts/{first}/comments", new { body = "Cần hộ chiếu còn hạn 6 tháng." }),
            answer => answer.StatusCode == HttpStatusCode.Created, what: "the comment");
        var commentId = (await comment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.ValueAsync(async () => (await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{first}/comments")).GetProperty("total").GetInt64(), total => total == 1, what: "the comment in the read model");

        Assert.Equal(HttpStatusCode.OK, (await reader.PutAsJsonAsync($"/api/bookmarks/posts/{first}", new { note = "Đọc lại trước khi nộp hồ sơ — 서류" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.PutAsJsonAsync($"/api/bookmarks/comments/{commentId}", new { note = "Hộ chiếu!" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.PutAsJsonAsync($"/api/bookmarks/posts/{second}", new { })).StatusCode);
        // Bookmarking again changes the note and keeps one bookmark.
        Assert.Equal(HttpStatusCode.OK, (await reader.PutAsJsonAsync($"/api/bookmarks/posts/{second}", new { note = "Giá rẻ" })).StatusCode);

        var list = await reader.GetFromJsonAsync<JsonElement>("/api/bookmarks");
        var items = list.GetProperty("bookmarks").EnumerateArray().ToList();
        Assert.Equal(3, list.GetProperty("total").GetInt32());
        Assert.Equal([second, commentId, first], items.Select(b => b.GetProperty("id").GetGuid()));
        Assert.Equal(["Giá rẻ", "Hộ chiếu!", "Đọc lại trước khi nộp hồ sơ — 서류"], items.Select(b => b.GetProperty("note").GetString()));
        Assert.Equal("𝐑𝐄𝐕𝐈𝐄𝐖 nhà trọ ở Seoul", items[0].GetProperty("title").GetString());
        Assert.Equal("comment", items[1].GetProperty("kind").GetString());
        Assert.Equal(first, items[1].GetProperty("postId").GetGuid());
        Assert.Contains("hộ chiếu còn hạn", items[1].GetProperty("excerpt").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.All(items, b => Assert.False(b.GetProperty("gone").GetBoolean()));
        // Nobody else sees them.
        Assert.Equal(0, (await stranger.GetFromJsonAsync<JsonElement>("/api/bookmarks")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await forum.Anonymous().GetAsync("/api/bookmarks")).StatusCode);

        // The author deletes the first post: its bookmark, and its comment's, stay and say it is gone.
        Assert.Equal(HttpStatusCode.NoContent, (await author.DeleteAsync($"/api/posts/{first}")).StatusCode);
        var after = await Eventually.ValueAsync(() => reader.GetFromJsonAsync<JsonElement>("/api/bookmarks"),
            l => l.GetProperty("bookmarks").EnumerateArray().Count(b => b.GetProperty("gone").GetBoolean()) == 2, what: "the deleted post's bookmarks gone");
        var gone = after.GetProperty("bookmarks").EnumerateArray().Where(b => b.GetProperty("gone").GetBoolean()).ToList();
        Assert.Equal([commentId, first], gone.Select(b => b.GetProperty("id").GetGuid()));
        Assert.All(gone, b => Assert.Equal(JsonValueKind.Null, b.GetProperty("title").ValueKind));
        Assert.Equal("Đọc lại trước khi nộp hồ sơ — 서류", gone[1].GetProperty("note").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await reader.DeleteAsync($"/api/bookmarks/posts/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await reader.DeleteAsync($"/api/bookmarks/posts/{first}")).StatusCode);
        Assert.Equal(2, (await reader.GetFromJsonAsync<JsonElement>("/api/bookmarks")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Bad_bookmarks_are_refused_with_the_field_named_and_change_nothing_and_the_list_comes_in_pages()
    {
        using var author = await forum.SignUpAsync("tác_giả_trang_đánh_dấu");
        using var reader = await forum.SignUpAsync("bạn_đọc_trang_đánh_dấu");
        var post = await PublishAsync(author, "Bài để đánh dấu sai");

        async Task AssertRefusedAsync(HttpResponseMessage answer, HttpStatusCode status, string? field)
        {
            Assert.Equal(status, answer.StatusCode);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            if (field is not null)
            {
                Assert.True((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), field);
            }
        }
        await AssertRefusedAsync(await reader.PutAsJsonAsync($"/api/bookmarks/posts/{post}", new { note = string.Concat(Enumerable.Repeat("𝐁", 150)) + new string('a', 151) }), HttpStatusCode.BadRequest, "note");
        await AssertRefusedAsync(await reader.PutAsJsonAsync($"/api/bookmarks/posts/{post}", new { note = "hai\ndòng" }), HttpStatusCode.BadRequest, "note");
        await AssertRefusedAsync(await reader.PutAsJsonAsync("/api/bookmarks/posts/không-phải-guid", new { note = "x" }), HttpStatusCode.BadRequest, "id");
        await AssertRefusedAsync(await reader.PutAsJsonAsync($"/api/bookmarks/posts/{Guid.NewGuid()}", new { note = "x" }), HttpStatusCode.NotFound, null);
        await AssertRefusedAsync(await reader.PutAsJsonAsync($"/api/bookmarks/comments/{post}", new { note = "x" }), HttpStatusCode.NotFound, null);
        await AssertRefusedAsync(await reader.GetAsync("/api/bookmarks?page=0"), HttpStatusCode.BadRequest, "page");
        Assert.Equal(0, (await reader.GetFromJsonAsync<JsonElement>("/api/bookmarks")).GetProperty("total").GetInt32());
        // Exactly 300 letters is a note.
        Assert.Equal(HttpStatusCode.OK, (await reader.PutAsJsonAsync($"/api/bookmarks/posts/{post}", new { note = string.Concat(Enumerable.Repeat("𝐁", 150)) + new string('a', 150) })).StatusCode);

        var more = new List<Guid>();
        for (var i = 0; i < 21; i++)
        {
            more.Add(await PublishAsync(author, $"Bài thứ {i} 번"));
            Assert.Equal(HttpStatusCode.OK, (await reader.PutAsJsonAsync($"/api/bookmarks/posts/{more[^1]}", new { })).StatusCode);
        }
        var page1 = await reader.GetFromJsonAsync<JsonElement>("/api/bookmarks");
        var page2 = await reader.GetFromJsonAsync<JsonElement>("/api/bookmarks?page=2");
        Assert.Equal(22, page1.GetProperty("total").GetInt32());
        Assert.Equal(2, page1.GetProperty("totalPages").GetInt32());
        Assert.Equal(20, page1.GetProperty("bookmarks").GetArrayLength());
        Assert.Equal([more[0], post], page2.GetProperty("bookmarks").EnumerateArray().Select(b => b.GetProperty("id").GetGuid()));
    }
}
