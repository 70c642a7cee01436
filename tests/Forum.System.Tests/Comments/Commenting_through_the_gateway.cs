using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Comments;

/// <summary>Comments as readers and writers meet them, through the gateway of the whole forum.</summary>
[Collection(SharedForum.Name)]
public sealed class Commenting_through_the_gateway(ForumSystem forum)
{
    private static async Task<Guid> PublishAsync(HttpClient client, string title)
    {
        var response = await client.PostAsJsonAsync("/api/posts", new { board = "hoi-dap", title, body = "Mời mọi người bình luận." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> CommentAsync(HttpClient client, Guid postId, string body, Guid? parentId = null)
    {
        var response = await client.PostAsJsonAsync($"/api/posts/{postId}/comments", new { body, parentId });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<List<JsonElement>> AllCommentsAsync(Guid postId)
    {
        var first = await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{postId}/comments");
        var comments = first.GetProperty("comments").EnumerateArray().ToList();
        for (var page = 2; page <= first.GetProperty("totalPages").GetInt32(); page++)
        {
            comments.AddRange((await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{postId}/comments?page={page}")).GetProperty("comments").EnumerateArray());
        }
        return comments;
    }

    [Fact]
    public async Task Two_hundred_concurrent_comments_from_twenty_users_count_two_hundred_each_shown_once()
    {
        var users = new List<HttpClient>();
        for (var i = 0; i < 20; i++)
        {
            users.Add(await forum.SignUpAsync($"người_bình_luận_{i}"));
        }
        var postId = await PublishAsync(users[0], "Bài đông người bình luận");
        var accepted = new ConcurrentBag<Guid>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 40 }, async (i, _) =>
            accepted.Add(await CommentAsync(users[i % 20], postId, $"Bình luận số {i} 댓글")));

        var page = await Eventually.ValueAsync(
            () => forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{postId}"),
            p => p.GetProperty("comments").GetInt64() == 200, TimeSpan.FromSeconds(30), "the count to reach 200");
        Assert.Equal(200, page.GetProperty("comments").GetInt64());
        var listed = (await forum.Client.GetFromJsonAsync<JsonElement>("/api/boards/hoi-dap/posts?pageSize=100"))
            .GetProperty("posts").EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == postId);
        Assert.Equal(200, listed.GetProperty("comments").GetInt64());

        var shown = await AllCommentsAsync(postId);
        Assert.Equal(accepted.Order(), shown.Select(c => c.GetProperty("id").GetGuid()).Order());
        var first = await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{postId}/comments");
        Assert.Equal((200, 10, 20), (first.GetProperty("total").GetInt32(), first.GetProperty("totalPages").GetInt32(), first.GetProperty("comments").GetArrayLength()));
    }

    [Fact]
    public async Task Replies_stay_in_their_thread_a_reply_to_a_reply_quotes_it_and_a_deleted_comment_keeps_its_replies()
    {
        using var lan = await forum.SignUpAsync("lan_luồng");
        using var minh = await forum.SignUpAsync("minh_luồng");
        var postId = await PublishAsync(lan, "Thảo luận có luồng");
        var first = await CommentAsync(lan, postId, "Ý kiến đầu tiên");
        var second = await CommentAsync(minh, postId, "Ý kiến thứ hai");
        var reply = await CommentAsync(minh, postId, "Đồng ý với **lan**", first);
        var replyToReply = await CommentAsync(lan, postId, "Cảm ơn minh", reply);

        Assert.Equal(HttpStatusCode.NoContent, (await lan.DeleteAsync($"/api/comments/{first}")).StatusCode);

        var page = await Eventually.ValueAsync(
            () => forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{postId}/comments"),
            p => p.GetProperty("total").GetInt32() == 3 && p.GetProperty("comments").EnumerateArray().Any(c => c.GetProperty("deleted").GetBoolean()));
        var comments = page.GetProperty("comments").EnumerateArray().ToList();
        Assert.Equal([first, reply, replyToReply, second], comments.Select(c => c.GetProperty("id").GetGuid()));
        Assert.True(comments[0].GetProperty("deleted").GetBoolean());
        Assert.Equal("", comments[0].GetProperty("bodyHtml").GetString());
        Assert.Equal(first, comments[1].GetProperty("parentId").GetGuid());
        Assert.Equal(first, comments[2].GetProperty("parentId").GetGuid());
        var quote = comments[2].GetProperty("quote");
        Assert.Equal((reply, "minh_luồng", "Đồng ý với lan"), (quote.GetProperty("commentId").GetGuid(), quote.GetProperty("author").GetString(), quote.GetProperty("excerpt").GetString()));
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        var post = await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{postId}");
        Assert.Equal(3, post.GetProperty("comments").GetInt64());
    }

    [Fact]
    public async Task A_post_can_be_commented_on_the_moment_it_is_published()
    {
        using var writer = await forum.SignUpAsync("nhanh_tay");
        for (var i = 0; i < 5; i++)
        {
            var postId = await PublishAsync(writer, $"Vừa đăng {i}");
            var response = await writer.PostAsJsonAsync($"/api/posts/{postId}/comments", new { body = "Tem!" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    [Fact]
    public async Task An_edited_comment_shows_its_new_text_and_a_reply_to_another_posts_comment_is_refused()
    {
        using var lan = await forum.SignUpAsync("lan_sửa");
        var postId = await PublishAsync(lan, "Sửa bình luận");
        var otherPost = await PublishAsync(lan, "Bài khác");
        var comment = await CommentAsync(lan, postId, "Lỗi chính tả");

        using var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/comments/{comment}") { Content = JsonContent.Create(new { body = "Đã sửa *chính tả*" }) };
        edit.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.OK, (await lan.SendAsync(edit)).StatusCode);
        var page = await Eventually.ValueAsync(
            () => forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{postId}/comments"),
            p => p.GetProperty("comments").EnumerateArray().Any(c => c.GetProperty("editedAt").ValueKind != JsonValueKind.Null));
        Assert.Equal("<p>Đã sửa <em>chính tả</em></p>\n", page.GetProperty("comments")[0].GetProperty("bodyHtml").GetString());

        var wrongThread = await lan.PostAsJsonAsync($"/api/posts/{otherPost}/comments", new { body = "Nhầm bài", parentId = comment });
        Assert.Equal(HttpStatusCode.BadRequest, wrongThread.StatusCode);
        Assert.Contains("parentId", await wrongThread.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/posts/not-a-guid/comments")]
    [InlineData("/api/posts/00000000-0000-0000-0000-000000000000/comments?page=0")]
    [InlineData("/api/posts/00000000-0000-0000-0000-000000000000/comments?page=abc")]
    public async Task Bad_comment_page_requests_are_400_problems(string url)
    {
        var response = await forum.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
