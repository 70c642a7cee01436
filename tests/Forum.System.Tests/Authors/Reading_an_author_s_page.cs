using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Authors;

/// <summary>
/// An author's page, as JSON and as HTML: their posts and comments, newest first, not their
/// deleted ones, and nobody else's; and a board sorted by comments puts the most discussed first.
/// </summary>
[Collection(SharedForum.Name)]
public sealed class Reading_an_author_s_page(ForumSystem forum)
{
    [Fact]
    public async Task Shows_the_author_s_posts_and_comments_newest_first_without_deleted_ones_or_anyone_else_s()
    {
        const string board = "tac-gia";
        await forum.CreateBoardAsync(board, "Tác giả");
        using var author = await forum.SignUpAsync("tác_giả_한국");
        using var other = await forum.SignUpAsync("người_khác_tác_giả");
        var first = await PublishAsync(author, board, "Bài đầu tiên");
        var second = await PublishAsync(author, board, "Bài thứ hai 한국");
        var gone = await PublishAsync(author, board, "Bài sẽ xoá");
        var theirs = await PublishAsync(other, board, "Bài của người khác");
        Assert.Equal(HttpStatusCode.NoContent, (await author.DeleteAsync($"/api/posts/{gone}")).StatusCode);
        var comment = await CommentAsync(author, theirs, "Bình luận của tác giả **đậm**");
        await CommentAsync(other, first, "Bình luận của người khác");
        await CommentAsync(other, first, "Thêm một bình luận");

        using var reader = forum.Anonymous();
        var page = await Eventually.ValueAsync(() => reader.GetFromJsonAsync<JsonElement>($"/api/users/{Uri.EscapeDataString("tác_giả_한국")}"),
            p => p.GetProperty("posts").GetArrayLength() == 2 && p.GetProperty("comments").GetArrayLength() == 1,
            what: "the author's two posts and one comment");
        Assert.Equal("tác_giả_한국", page.GetProperty("name").GetString());
        Assert.Equal([second, first], page.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        var listed = Assert.Single(page.GetProperty("comments").EnumerateArray());
        Assert.Equal(comment, listed.GetProperty("id").GetGuid());
        Assert.Equal(theirs, listed.GetProperty("postId").GetGuid());
        Assert.Contains("<strong>đậm</strong>", listed.GetProperty("bodyHtml").GetString());

        var html = await reader.GetStringAsync($"/users/{Uri.EscapeDataString("tác_giả_한국")}");
        Assert.Contains("Bài thứ hai 한국", html);
        Assert.Contains("Bài đầu tiên", html);
        Assert.Contains($"/posts/{theirs}#c-{comment}", html);
        Assert.DoesNotContain("Bài sẽ xoá", html);
        Assert.DoesNotContain("Bài của người khác", html);

        // The same board by comments: the post with two comments, then the one with one.
        var byComments = await Eventually.ValueAsync(() => reader.GetFromJsonAsync<JsonElement>($"/api/boards/{board}/posts?sort=comments"),
            l => l.GetProperty("posts")[0].GetProperty("comments").GetInt64() == 2 && l.GetProperty("posts")[1].GetProperty("comments").GetInt64() == 1,
            what: "the board sorted by comments");
        Assert.Equal([first, theirs], byComments.GetProperty("posts").EnumerateArray().Take(2).Select(p => p.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task A_name_beyond_the_limit_is_a_400_problem_and_an_unknown_author_has_an_empty_page()
    {
        using var reader = forum.Anonymous();
        var tooLong = await reader.GetAsync($"/api/users/{new string('a', 201)}");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType?.MediaType);

        var nobody = await reader.GetFromJsonAsync<JsonElement>("/api/users/chưa_có_ai");
        Assert.Equal(0, nobody.GetProperty("posts").GetArrayLength());
        Assert.Equal(0, nobody.GetProperty("comments").GetArrayLength());
    }

    private static async Task<Guid> PublishAsync(HttpClient member, string board, string title)
    {
        var published = await member.PostAsJsonAsync("/api/posts", new { board, title, body = "Xin chào 안녕하세요" });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        return (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> CommentAsync(HttpClient member, Guid post, string body)
    {
        var added = await Eventually.ValueAsync(() => member.PostAsJsonAsync($"/api/posts/{post}/comments", new { body }),
            r => r.StatusCode == HttpStatusCode.Created, what: "the comment to be accepted");
        return (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
