using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Posts;

/// <summary>Posts through the gateway, as users and moderators change them and readers see them.</summary>
[Collection(SharedForum.Name)]
public sealed class Writing_and_reading_posts(ForumSystem forum)
{
    private static async Task<(Guid Id, HttpResponseMessage Response)> PublishAsync(HttpClient client, string board, string title, string body)
    {
        var response = await client.PostAsJsonAsync("/api/posts", new { board, title, body });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), response);
    }

    private Task<JsonElement> PostPageAsync(Guid id, Func<JsonElement, bool> until) =>
        Eventually.ValueAsync(async () =>
        {
            var response = await forum.Client.GetAsync($"/api/posts/{id}");
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }, page => page.ValueKind == JsonValueKind.Object && until(page), what: $"post {id} to show the change");

    [Fact]
    public async Task The_board_list_shows_the_default_boards_in_Vietnamese_and_a_new_one_with_its_post_count()
    {
        await forum.CreateBoardAsync("du-hoc", "Du học 유학");
        using var member = await forum.SignUpAsync("đếm_bài");
        await PublishAsync(member, "du-hoc", "Học bổng", "Thông tin học bổng");

        var boards = await Eventually.ValueAsync(
            () => forum.Client.GetFromJsonAsync<JsonElement>("/api/boards"),
            b => b.EnumerateArray().Any(x => x.GetProperty("slug").GetString() == "du-hoc" && x.GetProperty("postCount").GetInt64() == 1));

        var names = boards.EnumerateArray().ToDictionary(b => b.GetProperty("slug").GetString()!, b => b.GetProperty("name").GetString());
        Assert.Equal("Tin tức", names["tin-tuc"]);
        Assert.Equal("Hỏi đáp", names["hoi-dap"]);
        Assert.Equal("Đời sống", names["doi-song"]);
        Assert.Equal("Du học 유학", names["du-hoc"]);
    }

    [Fact]
    public async Task An_edit_shows_on_the_post_page_and_the_old_version_stays_reachable()
    {
        using var author = await forum.SignUpAsync("người_sửa");
        var (id, created) = await PublishAsync(author, "hoi-dap", "Câu hỏi cũ", "Nội dung cũ");

        using var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/posts/{id}") { Content = JsonContent.Create(new { title = "Câu hỏi mới", body = "Nội dung **mới**" }) };
        edit.Headers.IfMatch.Add(created.Headers.ETag!);
        var edited = await author.SendAsync(edit);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("\"2\"", edited.Headers.ETag!.Tag);

        var page = await PostPageAsync(id, p => p.GetProperty("version").GetInt64() == 2);
        Assert.Equal("Câu hỏi mới", page.GetProperty("title").GetString());
        Assert.Contains("<strong>mới</strong>", page.GetProperty("bodyHtml").GetString());
        Assert.NotEqual(JsonValueKind.Null, page.GetProperty("editedAt").ValueKind);

        var old = await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{id}?version=1");
        Assert.Equal("Câu hỏi cũ", old.GetProperty("title").GetString());
        var revisions = await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{id}/revisions");
        Assert.Equal(["Câu hỏi cũ", "Câu hỏi mới"], revisions.EnumerateArray().Select(r => r.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task A_deleted_post_leaves_the_listing_and_its_page_but_not_the_event_store()
    {
        await forum.CreateBoardAsync("xoa-bai");
        using var author = await forum.SignUpAsync("người_xoá");
        var (keep, _) = await PublishAsync(author, "xoa-bai", "Giữ lại", "x");
        var (gone, _) = await PublishAsync(author, "xoa-bai", "Sẽ xoá", "x");
        await PostPageAsync(gone, _ => true);

        Assert.Equal(HttpStatusCode.NoContent, (await author.DeleteAsync($"/api/posts/{gone}")).StatusCode);

        await Eventually.ValueAsync(() => forum.Client.GetAsync($"/api/posts/{gone}"), r => r.StatusCode == HttpStatusCode.NotFound);
        var listing = await Eventually.ValueAsync(
            () => forum.Client.GetFromJsonAsync<JsonElement>("/api/boards/xoa-bai/posts"), l => l.GetProperty("totalPosts").GetInt32() == 1);
        Assert.Equal([keep], listing.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task A_pinned_post_heads_its_board_and_a_locked_one_says_so()
    {
        await forum.CreateBoardAsync("ghim-bai");
        using var author = await forum.SignUpAsync("người_ghim");
        await forum.SignUpAsync("mod_ghim");
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Admin.PutAsync("/api/accounts/mod_ghim/roles/moderator", null)).StatusCode);
        using var moderator = await forum.SignInAsync("mod_ghim");
        var (older, _) = await PublishAsync(author, "ghim-bai", "Bài cũ hơn", "x");
        var (newer, _) = await PublishAsync(author, "ghim-bai", "Bài mới hơn", "x");

        Assert.Equal(HttpStatusCode.NoContent, (await moderator.PostAsync($"/api/posts/{older}/pin", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await moderator.PostAsync($"/api/posts/{older}/lock", null)).StatusCode);

        var listing = await Eventually.ValueAsync(
            () => forum.Client.GetFromJsonAsync<JsonElement>("/api/boards/ghim-bai/posts"),
            l => l.GetProperty("posts").EnumerateArray().Take(1).Any(p => p.GetProperty("pinned").GetBoolean()));
        Assert.Equal([older, newer], listing.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        var page = await PostPageAsync(older, p => p.GetProperty("locked").GetBoolean());
        Assert.True(page.GetProperty("pinned").GetBoolean());
    }

    [Fact]
    public async Task No_payload_of_a_known_stored_XSS_corpus_survives_from_publish_to_the_read_model()
    {
        Assert.True(XssCorpus.Payloads.Length >= 30);
        await forum.CreateBoardAsync("xss");
        using var attacker = await forum.SignUpAsync("kẻ_tấn_công");
        var ids = new List<(Guid Id, string Payload)>();
        foreach (var payload in XssCorpus.Payloads)
        {
            ids.Add(((await PublishAsync(attacker, "xss", "Thử XSS", $"Trước\n\n{payload}\n\nSau")).Id, payload));
        }

        var problems = new List<string>();
        foreach (var (id, payload) in ids)
        {
            var page = await PostPageAsync(id, _ => true);
            var html = page.GetProperty("bodyHtml").GetString()!;
            problems.AddRange(SafeHtml.Problems(html).Select(p => $"{payload} → {p} in {html}"));
            Assert.Contains("Sau", html);
        }
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("Tiếng Việt dựng sẵn: Nguyễn Thị Minh Khai")]
    [InlineData("Tie\u0302\u0301ng Vie\u0323\u0302t to\u031B\u0309 ho\u031B\u0323p")]
    [InlineData("한국 생활 — 서울특별시 종로구")]
    [InlineData("𝐑𝐄𝐕𝐈𝐄𝐖 𝕿𝖎𝖓 𝖙ứ𝖈")]
    [InlineData("Gia đình 👨‍👩‍👧‍👦 và 🇻🇳🇰🇷")]
    public async Task Text_round_trips_byte_exact_after_NFC(string title)
    {
        using var writer = await forum.SignUpAsync($"unicode_{Math.Abs(title.GetHashCode(StringComparison.Ordinal)) % 100000}");
        var (id, _) = await PublishAsync(writer, "doi-song", title, title);

        var page = await PostPageAsync(id, _ => true);

        var expected = title.Normalize(NormalizationForm.FormC);
        Assert.Equal(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(page.GetProperty("title").GetString()!));
        Assert.Contains(expected, page.GetProperty("bodyHtml").GetString());
    }

    [Fact]
    public async Task A_title_of_200_astral_characters_is_accepted_and_201_is_refused()
    {
        using var writer = await forum.SignUpAsync("dài_quá");

        var ok = await writer.PostAsJsonAsync("/api/posts", new { board = "doi-song", title = string.Concat(Enumerable.Repeat("𝐑", 200)), body = "x" });
        var tooLong = await writer.PostAsJsonAsync("/api/posts", new { board = "doi-song", title = string.Concat(Enumerable.Repeat("𝐑", 201)), body = "x" });

        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("title", await tooLong.Content.ReadAsStringAsync());
    }
}
