using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Reading;

/// <summary>A returning member is told what is new to them: posts they never opened, comments they have not read, a board they marked read.</summary>
[Collection(SharedForum.Name)]
public sealed class Reading_what_is_new(ForumSystem forum)
{
    private Task<Guid> PublishAsync(HttpClient author, string board, string title) => author.PublishAsync(forum.Client, board, title, "Nội dung: tiếng Việt có dấu ả ã á ạ à, 한국어 본문.");

    private async Task CommentsShownAsync(Guid post, long total) =>
        await Eventually.ValueAsync(async () => (await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{post}/comments")).GetProperty("total").GetInt64(),
            shown => shown == total, what: $"{total} comments in the read model");

    private static async Task<Dictionary<Guid, (bool IsNew, long Comments)>> MarksAsync(HttpClient member, IEnumerable<Guid> posts)
    {
        var marks = await member.GetFromJsonAsync<JsonElement>($"/api/unread?posts={string.Join(',', posts)}");
        return marks.EnumerateObject().ToDictionary(
            mark => Guid.Parse(mark.Name), mark => (mark.Value.GetProperty("isNew").GetBoolean(), mark.Value.GetProperty("comments").GetInt64()));
    }

    [Fact]
    public async Task A_member_who_read_two_of_five_new_posts_is_shown_the_other_three_as_new_with_their_unread_comments_until_the_board_is_marked_read()
    {
        const string board = "doc-moi";
        await forum.CreateBoardAsync(board, "Đọc mới — 새 글");
        using var author = await forum.SignUpAsync("người_viết_tin_mới");
        using var reader = await forum.SignUpAsync("bạn_đọc_trở_lại");
        string[] titles = ["Tin sáng: giá vé tàu", "𝐓𝐈𝐍 𝐍𝐎́𝐍𝐆 Hàn Quốc", "서울 생활 정보", "Hỏi về thị thực ảo ảnh", "Chợ cuối tuần ở Busan"];
        var posts = new List<Guid>();
        foreach (var title in titles)
        {
            posts.Add(await PublishAsync(author, board, title));
        }
        await author.CommentAsync(posts[2], "Bình luận một về 서울.");
        await author.CommentAsync(posts[2], "Bình luận hai: ờ ở ỡ ớ ợ.");
        await author.CommentAsync(posts[3], "Cần hộ chiếu.");
        await CommentsShownAsync(posts[2], 2);
        await CommentsShownAsync(posts[3], 1);

        // Everything is new to the reader at first; nothing the author wrote is new to the author.
        Assert.Equal(5, (await MarksAsync(reader, posts)).Count(m => m.Value.IsNew));
        Assert.Empty(await MarksAsync(author, posts));

        // The reader opens two posts, one with its comments, and leaves.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/posts/{posts[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/posts/{posts[3]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/posts/{posts[3]}/comments")).StatusCode);

        // On return (a new sign-in), exactly the other three are new, with their unread comments.
        using var returning = await forum.SignInAsync("bạn_đọc_trở_lại");
        var marks = await MarksAsync(returning, posts);
        Assert.Equal(new Dictionary<Guid, (bool, long)> { [posts[1]] = (true, 0), [posts[2]] = (true, 2), [posts[4]] = (true, 0) }, marks);
        var onlyNew = await returning.GetFromJsonAsync<JsonElement>($"/api/boards/{board}/new");
        Assert.Equal(3, onlyNew.GetProperty("totalPosts").GetInt64());
        Assert.Equal([posts[4], posts[2], posts[1]], onlyNew.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        Assert.Equal("서울 생활 정보", onlyNew.GetProperty("posts")[1].GetProperty("title").GetString());

        // A comment on a post the reader read makes it unread again, by one comment, not new.
        await author.CommentAsync(posts[0], "Giá vé tăng từ thứ Hai.");
        await CommentsShownAsync(posts[0], 1);
        Assert.Equal((false, 1L), (await MarksAsync(returning, [posts[0]]))[posts[0]]);
        // Their own comment is never unread to them.
        await returning.CommentAsync(posts[3], "Cảm ơn — 감사합니다.");
        await CommentsShownAsync(posts[3], 2);
        Assert.DoesNotContain(posts[3], (await MarksAsync(returning, [posts[3]])).Keys);

        // Marking the board read leaves nothing new in it.
        Assert.Equal(HttpStatusCode.NoContent, (await returning.PostAsync($"/api/boards/{board}/read", null)).StatusCode);
        Assert.Empty(await MarksAsync(returning, posts));
        Assert.Equal(0, (await returning.GetFromJsonAsync<JsonElement>($"/api/boards/{board}/new")).GetProperty("totalPosts").GetInt64());
        // ... until something is written after it.
        await author.CommentAsync(posts[4], "Chợ mở đến 9 giờ tối.");
        await CommentsShownAsync(posts[4], 1);
        Assert.Equal((false, 1L), (await MarksAsync(returning, posts)).Single(m => m.Key == posts[4]).Value);
    }

    [Fact]
    public async Task Reading_state_is_a_members_own_and_bad_requests_are_refused_with_the_field_named()
    {
        using var reader = await forum.SignUpAsync("bạn_đọc_hỏi_sai");
        using var anonymous = forum.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/unread?posts={Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/boards/tin-tuc/new")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/boards/tin-tuc/read", null)).StatusCode);

        async Task AssertRefusedAsync(string path, string field)
        {
            var answer = await reader.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            Assert.True((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), field);
        }
        await AssertRefusedAsync("/api/unread?posts=tin-tức", "posts");
        await AssertRefusedAsync($"/api/unread?posts={string.Join(',', Enumerable.Range(0, 101).Select(_ => Guid.NewGuid()))}", "posts");
        await AssertRefusedAsync("/api/boards/tin-tuc/new?page=0", "page");
        await AssertRefusedAsync("/api/boards/tin-tuc/new?page=１", "page");
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/api/boards/không-có/new")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.PostAsync("/api/boards/không-có/read", null)).StatusCode);
        // A post nobody can see has nothing unread.
        Assert.Equal("{}", await reader.GetStringAsync($"/api/unread?posts={Guid.NewGuid()}"));
    }
}
