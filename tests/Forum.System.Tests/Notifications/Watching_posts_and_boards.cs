using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Notifications;

/// <summary>
/// Watching: a member who watches a board hears of its new posts, and one who watches a post of
/// its new comments; authors watch their posts and commenters what they comment on, until they
/// choose not to, and commenting again does not undo that choice.
/// </summary>
[Collection(SharedForum.Name)]
public sealed class Watching_posts_and_boards(ForumSystem forum)
{
    [Fact]
    public async Task A_member_watching_a_board_hears_of_each_new_post_on_it_and_stops_when_they_unwatch()
    {
        const string board = "viec-lam-theo-doi";
        await forum.CreateBoardAsync(board, "Việc làm 일자리");
        using var watcher = await forum.SignUpAsync("người_theo_dõi_bảng");
        using var writer = await forum.SignUpAsync("người_đăng_việc");

        var watched = await Eventually.ValueAsync(() => watcher.PutAsync($"/api/boards/{board}/watch", null),
            r => r.StatusCode == HttpStatusCode.NoContent, what: "the notifications service to know the board");
        Assert.Equal(HttpStatusCode.NoContent, watched.StatusCode);
        Assert.True(await WatchingAsync(watcher, $"/api/boards/{board}/watch"));

        var post = await PublishAsync(writer, board, "Tuyển phụ bếp ở Busan 부산");
        var told = await NotificationsOfAsync(watcher, n => n.Count == 1);
        Assert.Equal("new-post", told[0].GetProperty("type").GetString());
        Assert.Equal(post, told[0].GetProperty("postId").GetGuid());
        Assert.Equal(["người_đăng_việc"], told[0].GetProperty("actors").EnumerateArray().Select(a => a.GetString()));
        // The writer is not told of their own post.
        Assert.Empty(await NotificationsOfAsync(writer, _ => true));

        Assert.Equal(HttpStatusCode.NoContent, (await watcher.DeleteAsync($"/api/boards/{board}/watch")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await watcher.DeleteAsync($"/api/boards/{board}/watch")).StatusCode);
        Assert.False(await WatchingAsync(watcher, $"/api/boards/{board}/watch"));
        var second = await PublishAsync(writer, board, "Tuyển thêm người");
        // A later comment on the second post tells its author: once that is through, the post's own event was consumed too.
        using var commenter = await forum.SignUpAsync("người_hỏi_việc");
        await CommentAsync(commenter, second, "Còn tuyển không ạ?");
        await NotificationsOfAsync(writer, n => n.Count == 1);
        Assert.Single(await NotificationsOfAsync(watcher, _ => true));
    }

    [Fact]
    public async Task Commenters_watch_the_post_they_comment_on_until_they_unwatch_it()
    {
        using var author = await forum.SignUpAsync("tác_giả_bài_theo_dõi");
        using var first = await forum.SignUpAsync("người_bình_luận_trước");
        using var second = await forum.SignUpAsync("người_bình_luận_sau");
        var post = await PublishAsync(author, "tin-tuc", "Chuyện học tiếng Hàn 한국어");
        // The author watches their post from the moment the notifications service knows it, milliseconds after the 201.
        var authorWatches = await Eventually.ValueAsync(() => author.GetAsync($"/api/posts/{post}/watch"), r => r.StatusCode == HttpStatusCode.OK, what: "the post to be known");
        Assert.True((await authorWatches.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("watching").GetBoolean());

        await CommentAsync(first, post, "Mình học ở trung tâm.");
        await NotificationsOfAsync(author, n => n.Count == 1);
        Assert.True(await WatchingAsync(first, $"/api/posts/{post}/watch"));

        await CommentAsync(second, post, "Mình tự học.");
        var toFirst = await NotificationsOfAsync(first, n => n.Count == 1);
        Assert.Equal("new-comment", toFirst[0].GetProperty("type").GetString());
        Assert.Equal(["người_bình_luận_sau"], toFirst[0].GetProperty("actors").EnumerateArray().Select(a => a.GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await first.DeleteAsync($"/api/posts/{post}/watch")).StatusCode);
        // Commenting again does not make them watch a post they chose to leave.
        await CommentAsync(first, post, "Cảm ơn mọi người.");
        await NotificationsOfAsync(author, n => n.Count == 3);
        Assert.False(await WatchingAsync(first, $"/api/posts/{post}/watch"));
        await CommentAsync(second, post, "Không có gì!");
        await NotificationsOfAsync(author, n => n.Count == 4);
        Assert.Single(await NotificationsOfAsync(first, _ => true));
    }

    [Fact]
    public async Task Watching_what_does_not_exist_or_is_malformed_is_refused_and_changes_nothing()
    {
        using var member = await forum.SignUpAsync("người_thử_sai");
        Assert.Equal(HttpStatusCode.BadRequest, (await member.PutAsync("/api/posts/không-phải-guid/watch", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.PutAsync($"/api/posts/{Guid.NewGuid()}/watch", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.PutAsync("/api/boards/khong-co-bang-nay/watch", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await member.PutAsync("/api/boards/B%E1%BA%A3ng/watch", null)).StatusCode);
        using var anonymous = forum.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsync("/api/boards/tin-tuc/watch", null)).StatusCode);
    }

    private static async Task<bool> WatchingAsync(HttpClient member, string path) =>
        (await member.GetFromJsonAsync<JsonElement>(path)).GetProperty("watching").GetBoolean();

    private static async Task<Guid> PublishAsync(HttpClient client, string board, string title)
    {
        var response = await client.PostAsJsonAsync("/api/posts", new { board, title, body = "Nội dung." });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task CommentAsync(HttpClient client, Guid post, string body)
    {
        var response = await Eventually.ValueAsync(() => client.PostAsJsonAsync($"/api/posts/{post}/comments", new { body }),
            r => r.StatusCode == HttpStatusCode.Created, what: "the comments service to take the comment");
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<List<JsonElement>> NotificationsOfAsync(HttpClient member, Func<List<JsonElement>, bool> until) =>
        await Eventually.ValueAsync(
            async () => (await member.GetFromJsonAsync<JsonElement>("/api/notifications")).GetProperty("notifications").EnumerateArray().ToList(),
            until, what: "the notifications");
}
