using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Drafts;

/// <summary>
/// A member's drafts through the API and the web forms: their own, one per place, exactly as typed
/// in any script, held to the publishing limits, gone once published, discarded or the member leaves.
/// </summary>
[Collection(SharedForum.Name)]
public sealed class Keeping_drafts(ForumSystem forum)
{
    private const string EveryTone =
        "Tiếng Việt: ả ã á ạ à ẳ ẵ ắ ặ ằ ẩ ẫ ấ ậ ầ ẻ ẽ é ẹ è ể ễ ế ệ ề ỉ ĩ í ị ì ỏ õ ó ọ ò ổ ỗ ố ộ ồ ở ỡ ớ ợ ờ ủ ũ ú ụ ù ử ữ ứ ự ừ ỷ ỹ ý ỵ ỳ Đđ";
    private const string Korean = "한국어 초안: 서울에서 방 구하기, 보증금과 월세";

    private Task<Guid> PublishAsync(HttpClient author, string board, string title) => author.PublishAsync(forum.Client, board, title, "Bài để viết nháp.");

    private static async Task AssertRefusedAsync(HttpResponseMessage answer, HttpStatusCode status, string? field)
    {
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(status == answer.StatusCode, $"{answer.StatusCode}, not {status}: {body}");
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {body}");
        }
    }

    private static async Task<JsonElement> DraftAsync(HttpClient member, string place)
    {
        var answer = await member.GetAsync($"/api/drafts/{place}");
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        return await answer.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<List<string>> PlacesAsync(HttpClient member) =>
        [.. (await member.GetFromJsonAsync<JsonElement>("/api/drafts")).GetProperty("drafts").EnumerateArray().Select(d => d.GetProperty("place").GetString()!)];

    [Fact]
    public async Task A_member_keeps_one_draft_per_place_exactly_as_typed_replaces_and_discards_it_and_nobody_else_sees_it()
    {
        const string Board = "nhap-api";
        await forum.CreateBoardAsync(Board, "Bản nháp");
        using var author = await forum.SignUpAsync("tác_giả_bản_nháp");
        using var writer = await forum.SignUpAsync("người_viết_nháp");
        using var stranger = await forum.SignUpAsync("người_lạ_xem_nháp");
        var post = await PublishAsync(author, Board, "Hỏi về nhà trọ 하숙");

        var title = "𝐍𝐡𝐚́𝐩 " + EveryTone[..40].TrimEnd();
        var body = $"{EveryTone}\n\n{Korean}\n\n- dòng có tab\tvà khoảng trắng cuối   \n";
        var saved = await writer.PutAsJsonAsync("/api/drafts/board-nhap-api", new { title, body });
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var first = await DraftAsync(writer, "board-nhap-api");
        Assert.Equal(title.Normalize(), first.GetProperty("title").GetString());
        Assert.Equal(body, first.GetProperty("body").GetString());

        Assert.Equal(HttpStatusCode.OK, (await writer.PutAsJsonAsync($"/api/drafts/comment-{post}", new { body = Korean })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.PutAsJsonAsync($"/api/drafts/edit-{post}", new { title = "Sửa: " + title, body = EveryTone, version = 1 })).StatusCode);
        Assert.Equal(["edit-" + post, "comment-" + post, "board-nhap-api"], await PlacesAsync(writer));

        // The same text again changes nothing, not even its time; new text replaces it and makes it the newest.
        Assert.Equal(HttpStatusCode.OK, (await writer.PutAsJsonAsync("/api/drafts/board-nhap-api", new { title, body })).StatusCode);
        Assert.Equal(first.GetProperty("updatedAt").GetDateTimeOffset(), (await DraftAsync(writer, "board-nhap-api")).GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Equal("edit-" + post, (await PlacesAsync(writer))[0]);
        Assert.Equal(HttpStatusCode.OK, (await writer.PutAsJsonAsync("/api/drafts/board-nhap-api", new { title, body = body + "Thêm một câu. 한 문장 더." })).StatusCode);
        Assert.EndsWith("Thêm một câu. 한 문장 더.", (await DraftAsync(writer, "board-nhap-api")).GetProperty("body").GetString());
        var list = await writer.GetFromJsonAsync<JsonElement>("/api/drafts");
        Assert.Equal(3, list.GetProperty("total").GetInt32());
        var newest = list.GetProperty("drafts")[0];
        Assert.Equal(("board-nhap-api", "board", title.Normalize(), "/compose?board=nhap-api"),
            (newest.GetProperty("place").GetString(), newest.GetProperty("kind").GetString(), newest.GetProperty("title").GetString(), newest.GetProperty("url").GetString()));
        Assert.StartsWith("Tiếng Việt: ả ã á ạ à", newest.GetProperty("excerpt").GetString());

        // Nobody else sees them, and nobody signed out at all.
        Assert.Empty(await PlacesAsync(stranger));
        await AssertRefusedAsync(await stranger.GetAsync("/api/drafts/board-nhap-api"), HttpStatusCode.NotFound, null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forum.Anonymous().GetAsync("/api/drafts")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forum.Anonymous().GetAsync("/api/drafts/board-nhap-api")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forum.Anonymous().PutAsJsonAsync("/api/drafts/board-nhap-api", new { body = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forum.Anonymous().DeleteAsync("/api/drafts/board-nhap-api")).StatusCode);
        // Discarding someone else's place discards only one's own (there is none).
        Assert.Equal(HttpStatusCode.NoContent, (await stranger.DeleteAsync("/api/drafts/board-nhap-api")).StatusCode);

        // The member's own data export carries their drafts whole.
        var export = await writer.GetFromJsonAsync<JsonElement>("/api/accounts/me/export");
        var exported = export.GetProperty("drafts").EnumerateArray().ToDictionary(d => d.GetProperty("place").GetString()!, d => d.GetProperty("body").GetString());
        Assert.Equal(Korean, exported[$"comment-{post}"]);
        Assert.Equal(3, exported.Count);

        // Discarding is idempotent; empty text keeps no draft.
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/drafts/comment-{post}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/drafts/comment-{post}")).StatusCode);
        await AssertRefusedAsync(await writer.GetAsync($"/api/drafts/comment-{post}"), HttpStatusCode.NotFound, null);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.PutAsJsonAsync($"/api/drafts/edit-{post}", new { title = "  ", body = "\n\n" })).StatusCode);
        Assert.Equal(["board-nhap-api"], await PlacesAsync(writer));
    }

    [Fact]
    public async Task Drafts_beyond_the_limits_or_for_no_place_are_refused_naming_the_field_and_change_nothing()
    {
        const string Board = "nhap-gioi-han";
        await forum.CreateBoardAsync(Board, "Bản nháp");
        using var author = await forum.SignUpAsync("tác_giả_nháp_quá_dài");
        using var writer = await forum.SignUpAsync("người_viết_nháp_quá_dài");
        var post = await PublishAsync(author, Board, "Bài cho nháp quá dài");

        // 200 mathematical-bold letters are 200 characters (400 UTF-16 units): the longest title there is.
        var longest = string.Concat(Enumerable.Repeat("𝐓", 200));
        Assert.Equal(HttpStatusCode.OK, (await writer.PutAsJsonAsync("/api/drafts/board-nhap-gioi-han", new { title = longest, body = EveryTone })).StatusCode);
        await AssertRefusedAsync(await writer.PutAsJsonAsync("/api/drafts/board-nhap-gioi-han", new { title = longest + "𝐓", body = "đổi" }), HttpStatusCode.BadRequest, "title");
        await AssertRefusedAsync(await writer.PutAsJsonAsync("/api/drafts/board-nhap-gioi-han", new { title = "hai\ndòng", body = "đổi" }), HttpStatusCode.BadRequest, "title");
        await AssertRefusedAsync(await writer.PutAsJsonAsync("/api/drafts/board-nhap-gioi-han", new { title = "chuông\u0007", body = "đổi" }), HttpStatusCode.BadRequest, "title");
        await AssertRefusedAsync(await writer.PutAsJsonAsync("/api/drafts/board-nhap-gioi-han", new { body = "ký tự\u0000rỗng" }), HttpStatusCode.BadRequest, "body");
        // "ệ" is three bytes: 64 KiB of them and one more is one byte too many... and more.
        var postBody = new string('ệ', PostLimitBytes / 3) + "a";
        Assert.Equal(PostLimitBytes, global::System.Text.Encoding.UTF8.GetByteCount(postBody));
        Assert.Equal(HttpStatusCode.OK, (await writer.PutAsJsonAsync($"/api/drafts/edit-{post}", new { title = "Sửa", body = postBody })).StatusCode);
        await AssertRefusedAsync(await writer.PutAsJsonAsync($"/api/drafts/edit-{post}", new { title = "Sửa", body = postBody + "b" }), HttpStatusCode.BadRequest, "body");
        var commentBody = new string('ệ', CommentLimitBytes / 3) + "a";
        Assert.Equal(HttpStatusCode.OK, (await writer.PutAsJsonAsync($"/api/drafts/comment-{post}", new { body = commentBody })).StatusCode);
        await AssertRefusedAsync(await writer.PutAsJsonAsync($"/api/drafts/comment-{post}", new { body = commentBody + "b" }), HttpStatusCode.BadRequest, "body");
        await AssertRefusedAsync(await writer.PutAsJsonAsync($"/api/drafts/comment-{post}", new { title = "Bình luận không có tiêu đề", body = "x" }), HttpStatusCode.BadRequest, "title");
        await AssertRefusedAsync(await writer.PutAsJsonAsync($"/api/drafts/comment-{post}", new { body = "x", version = 1 }), HttpStatusCode.BadRequest, "version");
        await AssertRefusedAsync(await writer.PutAsJsonAsync($"/api/drafts/edit-{post}", new { body = "x", version = 0 }), HttpStatusCode.BadRequest, "version");
        await AssertRefusedAsync(await writer.PutAsJsonAsync($"/api/drafts/edit-{post}", new { body = "x", tags = new[] { "thừa" } }), HttpStatusCode.BadRequest, null);
        await AssertRefusedAsync(await writer.PutAsync($"/api/drafts/edit-{post}", new StringContent("{\"body\": \"chưa đóng", global::System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, null);

        // A place is a board or a post that is there.
        await AssertRefusedAsync(await writer.PutAsJsonAsync("/api/drafts/nowhere-nhap-gioi-han", new { body = "x" }), HttpStatusCode.BadRequest, "place");
        await AssertRefusedAsync(await writer.PutAsJsonAsync("/api/drafts/edit-không-phải-guid", new { body = "x" }), HttpStatusCode.BadRequest, "place");
        await AssertRefusedAsync(await writer.PutAsJsonAsync("/api/drafts/board-Tin Tức", new { body = "x" }), HttpStatusCode.BadRequest, "place");
        await AssertRefusedAsync(await writer.GetAsync("/api/drafts/board"), HttpStatusCode.BadRequest, "place");
        await AssertRefusedAsync(await writer.DeleteAsync("/api/drafts/comment-42"), HttpStatusCode.BadRequest, "place");
        await AssertRefusedAsync(await writer.PutAsJsonAsync("/api/drafts/board-khong-co-chuyen-muc-nay", new { body = "x" }), HttpStatusCode.NotFound, null);
        await AssertRefusedAsync(await writer.PutAsJsonAsync($"/api/drafts/comment-{Guid.NewGuid()}", new { body = "x" }), HttpStatusCode.NotFound, null);
        await AssertRefusedAsync(await writer.PutAsJsonAsync($"/api/drafts/edit-{Guid.NewGuid()}", new { body = "x" }), HttpStatusCode.NotFound, null);

        // Every refusal changed nothing.
        Assert.Equal(longest, (await DraftAsync(writer, "board-nhap-gioi-han")).GetProperty("title").GetString());
        Assert.Equal(EveryTone, (await DraftAsync(writer, "board-nhap-gioi-han")).GetProperty("body").GetString());
        Assert.Equal(postBody, (await DraftAsync(writer, $"edit-{post}")).GetProperty("body").GetString());
        Assert.Equal(JsonValueKind.Null, (await DraftAsync(writer, $"edit-{post}")).GetProperty("version").ValueKind);
        Assert.Equal(commentBody, (await DraftAsync(writer, $"comment-{post}")).GetProperty("body").GetString());
        Assert.Equal(3, (await writer.GetFromJsonAsync<JsonElement>("/api/drafts")).GetProperty("total").GetInt32());
    }

    private const int PostLimitBytes = 64 * 1024;
    private const int CommentLimitBytes = 16 * 1024;

    [Fact]
    public async Task A_member_keeps_at_most_two_hundred_drafts_and_the_next_is_refused_until_one_is_discarded()
    {
        const string Board = "nhap-hai-tram";
        await forum.CreateBoardAsync(Board, "Bản nháp");
        using var author = await forum.SignUpAsync("tác_giả_hai_trăm_nháp");
        using var writer = await forum.SignUpAsync("người_viết_hai_trăm_nháp");
        // A comment's and an edit's draft for each of 100 posts: 200 places.
        var posts = new List<Guid>();
        for (var i = 0; i < 100; i++)
        {
            var created = await author.PostAsJsonAsync("/api/posts", new { board = "nhap-hai-tram", title = $"Bài số {i} để nháp 초안", body = "Nội dung." });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            posts.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        await Eventually.ValueAsync(async () => (await forum.Client.GetAsync($"/api/posts/{posts[^1]}")).StatusCode, status => status == HttpStatusCode.OK, what: "the last post in the read model");
        var extra = await PublishAsync(author, Board, "Bài thứ 101");
        foreach (var post in posts)
        {
            foreach (var kind in new[] { "comment", "edit" })
            {
                var answer = await Eventually.ValueAsync(() => writer.PutAsJsonAsync($"/api/drafts/{kind}-{post}", new { body = $"Nháp {kind} cho {post} — ệ 한" }),
                    a => a.StatusCode != HttpStatusCode.NotFound, what: "the post in the read model");
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            }
        }
        Assert.Equal(200, (await writer.GetFromJsonAsync<JsonElement>("/api/drafts")).GetProperty("total").GetInt32());

        await AssertRefusedAsync(await writer.PutAsJsonAsync($"/api/drafts/comment-{extra}", new { body = "Bản nháp thứ 201" }), HttpStatusCode.Conflict, null);
        // Replacing one of the 200 is not a new one.
        Assert.Equal(HttpStatusCode.OK, (await writer.PutAsJsonAsync($"/api/drafts/edit-{posts[0]}", new { body = "Thay nội dung" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/drafts/comment-{posts[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.PutAsJsonAsync($"/api/drafts/comment-{extra}", new { body = "Bản nháp thứ 200, lần nữa" })).StatusCode);
        Assert.Equal(200, (await writer.GetFromJsonAsync<JsonElement>("/api/drafts")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Publishing_through_the_web_forms_removes_the_draft_that_saving_without_javascript_kept()
    {
        const string Board = "nhap-web";
        await forum.CreateBoardAsync(Board, "Bản nháp");
        const string name = "người_viết_nháp_trên_web";
        using var member = await forum.SignUpAsync(name);
        using var author = await forum.SignUpAsync("tác_giả_bài_được_bình_luận_nháp");
        using var browser = await forum.SignInOnTheWebAsync(name);
        var title = "Nháp trên web: " + EveryTone[..30].TrimEnd();
        var body = $"{EveryTone}\n\n{Korean}";

        // "Lưu nháp" on the composer keeps the text and shows the form again, saying so.
        var compose = await browser.GetStringAsync("/compose?board=nhap-web");
        var saved = await browser.PostAsync("/compose?handler=SaveDraft", Form(compose, ("Board", "nhap-web"), ("Title", title), ("Body", body)));
        var savedPage = await saved.Content.ReadAsStringAsync();
        Assert.True(saved.StatusCode == HttpStatusCode.OK, savedPage);
        Assert.Contains("Đã lưu nháp.", savedPage);
        Assert.Contains(Korean, savedPage);
        Assert.Equal(body, (await DraftAsync(member, "board-nhap-web")).GetProperty("body").GetString());

        // Another device (a new session) opens the composer with it, and is told.
        using var other = await forum.SignInOnTheWebAsync(name);
        var reopened = await other.GetStringAsync("/compose");
        Assert.Contains("Đây là bản nháp bạn lưu lúc", reopened);
        Assert.Contains(Korean, reopened);
        Assert.Contains($"value=\"{title}\"", reopened);

        // A 201-character title is refused next to its field, and the kept draft stays as it was.
        var tooLong = await other.PostAsync("/compose?handler=SaveDraft", Form(reopened, ("Board", "nhap-web"), ("Title", string.Concat(Enumerable.Repeat("𝐓", 201))), ("Body", "đổi")));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("Tiêu đề dài tối đa 200 ký tự", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(body, (await DraftAsync(member, "board-nhap-web")).GetProperty("body").GetString());

        // A session's write to the API needs the page's antiforgery token.
        var page = await other.GetStringAsync("/compose");
        var forged = await other.PutAsJsonAsync("/api/drafts/board-nhap-web", new { title, body = "viết từ trang khác" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(body, (await DraftAsync(member, "board-nhap-web")).GetProperty("body").GetString());

        // Publishing from the form removes the draft.
        var published = await other.PostAsync("/compose?handler=Publish", Form(page, ("Board", "nhap-web"), ("DraftBoard", "nhap-web"), ("Title", title), ("Body", body)));
        Assert.True(published.StatusCode == HttpStatusCode.Redirect, await published.Content.ReadAsStringAsync());
        await AssertRefusedAsync(await member.GetAsync("/api/drafts/board-nhap-web"), HttpStatusCode.NotFound, null);
        Assert.DoesNotContain(Korean, await browser.GetStringAsync("/compose?board=nhap-web"));
        var postId = Guid.Parse(published.Headers.Location!.OriginalString.Split('/')[^1]);

        // The comment form: saved without JavaScript, offered again, gone once the comment is sent.
        var postPage = await browser.GetStringAsync($"/posts/{postId}");
        var comment = await browser.PostAsync($"/posts/{postId}?handler=SaveDraft", Form(postPage, ("body", Korean)));
        Assert.Equal(HttpStatusCode.OK, comment.StatusCode);
        Assert.Equal(Korean, (await DraftAsync(member, $"comment-{postId}")).GetProperty("body").GetString());
        var withDraft = await other.GetStringAsync($"/posts/{postId}");
        Assert.Contains($">{Korean}</textarea>", withDraft);
        // The comments service learns of the post from its event: the form is sent until it is taken.
        var sent = await Eventually.ValueAsync(() => other.PostAsync($"/posts/{postId}?handler=Comment", Form(withDraft, ("body", Korean))),
            answer => answer.StatusCode != HttpStatusCode.NotFound, what: "the comments service to know the post");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await AssertRefusedAsync(await member.GetAsync($"/api/drafts/comment-{postId}"), HttpStatusCode.NotFound, null);
        Assert.DoesNotContain($">{Korean}</textarea>", await browser.GetStringAsync($"/posts/{postId}"));

        // The edit page: a draft keeps the version it began from; discarding brings back the post as it is.
        var edit = await browser.GetStringAsync($"/posts/{postId}/edit");
        var editSaved = await browser.PostAsync($"/posts/{postId}/edit?handler=SaveDraft", Form(edit, ("Version", "1"), ("Title", title + " (sửa)"), ("Body", "Đã sửa: " + body)));
        Assert.Equal(HttpStatusCode.OK, editSaved.StatusCode);
        var editDraft = await DraftAsync(member, $"edit-{postId}");
        Assert.Equal((title + " (sửa)", 1L), (editDraft.GetProperty("title").GetString(), editDraft.GetProperty("version").GetInt64()));
        var editAgain = await other.GetStringAsync($"/posts/{postId}/edit");
        Assert.Contains("Đã sửa: ", editAgain);
        var discarded = await other.PostAsync($"/posts/{postId}/edit?handler=DiscardDraft", Form(editAgain));
        Assert.Equal(HttpStatusCode.Redirect, discarded.StatusCode);
        await AssertRefusedAsync(await member.GetAsync($"/api/drafts/edit-{postId}"), HttpStatusCode.NotFound, null);
        Assert.DoesNotContain("Đã sửa: ", await other.GetStringAsync($"/posts/{postId}/edit"));

        // Saved again and published as an edit: gone.
        editSaved = await browser.PostAsync($"/posts/{postId}/edit?handler=SaveDraft", Form(edit, ("Version", "1"), ("Title", title), ("Body", "Sửa lần hai")));
        Assert.Equal(HttpStatusCode.OK, editSaved.StatusCode);
        var edited = await browser.PostAsync($"/posts/{postId}/edit", Form(edit, ("Version", "1"), ("Title", title), ("Body", "Sửa lần hai")));
        Assert.True(edited.StatusCode == HttpStatusCode.Redirect, await edited.Content.ReadAsStringAsync());
        await AssertRefusedAsync(await member.GetAsync($"/api/drafts/edit-{postId}"), HttpStatusCode.NotFound, null);
        Assert.Empty(await PlacesAsync(member));
    }

    [Fact]
    public async Task A_member_who_leaves_takes_their_drafts_with_them()
    {
        const string Board = "nhap-roi-di";
        await forum.CreateBoardAsync(Board, "Bản nháp");
        const string name = "người_rời_đi_với_nháp";
        var marker = $"Nháp riêng tư {Guid.NewGuid():N} — 비밀";
        using var leaver = await forum.SignUpAsync(name);
        Assert.Equal(HttpStatusCode.OK, (await leaver.PutAsJsonAsync("/api/drafts/board-nhap-roi-di", new { title = "Sắp rời đi", body = marker })).StatusCode);
        Assert.Contains(await StoredText.EveryRowAsync(forum.DatabaseConnections["gateway"]), row => row.Contains(marker, StringComparison.Ordinal));

        var left = await leaver.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/accounts/me") { Content = JsonContent.Create(new { password = "mật-khẩu-đủ-dài" }) });
        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        await Eventually.ValueAsync(() => StoredText.EveryRowAsync(forum.DatabaseConnections["gateway"]), rows => !rows.Any(row => row.Contains(marker, StringComparison.Ordinal)),
            timeout: TimeSpan.FromSeconds(60), what: "the leaver's draft to be deleted");
    }

    /// <summary>A form post as a browser sends it from <paramref name="page"/>: its antiforgery token and the fields given.</summary>
    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", WebFormTokens.OfForm(page))]);
}
