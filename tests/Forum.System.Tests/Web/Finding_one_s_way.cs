using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Web;

/// <summary>A reader finds their way: a post names its board as readers know it, and a page number past the end says so and leads to the last page.</summary>
[Collection(SharedForum.Name)]
public sealed class Finding_one_s_way(ForumSystem forum)
{
    [Fact]
    public async Task The_post_page_names_its_board_by_name_and_links_to_it()
    {
        var published = await forum.Admin.PostAsJsonAsync("/api/posts", new { board = "tin-tuc", title = "Bài có chuyên mục", body = "Nội dung" });
        var post = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var page = await Eventually.ValueAsync(async () => await forum.Client.GetAsync($"/posts/{post}"), r => r.StatusCode == HttpStatusCode.OK, what: "the post page");
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        Assert.Contains("<p class=\"crumbs\"><a href=\"/boards/tin-tuc\">Tin tức</a></p>", html);
    }

    [Fact]
    public async Task A_page_number_past_the_end_is_a_404_that_links_to_the_last_page()
    {
        await forum.CreateBoardAsync("trang-cuoi", "Trang cuối");
        for (var i = 0; i < 21; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await forum.Admin.PostAsJsonAsync("/api/posts", new { board = "trang-cuoi", title = $"Bài số {i}", body = "x" })).StatusCode);
        }
        await Eventually.ValueAsync(() => forum.Client.GetFromJsonAsync<JsonElement>("/api/boards/trang-cuoi/posts"), l => l.GetProperty("totalPosts").GetInt64() == 21, what: "21 posts listed");

        Assert.Equal(HttpStatusCode.OK, (await forum.Client.GetAsync("/boards/trang-cuoi?page=2")).StatusCode);
        var past = await forum.Client.GetAsync("/boards/trang-cuoi?page=7");
        Assert.Equal(HttpStatusCode.NotFound, past.StatusCode);
        var html = WebUtility.HtmlDecode(await past.Content.ReadAsStringAsync());
        Assert.Contains("Không có trang 7: chuyên mục này có 2 trang.", html);
        Assert.Contains("<a href=\"/boards/trang-cuoi?page=2\">Tới trang cuối</a>", html);
        Assert.DoesNotContain("Chưa có bài viết nào.", html);
    }
}
