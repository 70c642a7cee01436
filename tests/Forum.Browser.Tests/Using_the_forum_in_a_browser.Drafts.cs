using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;
using Microsoft.Playwright;

namespace Forum.Browser.Tests;

/// <summary>Drafts in the pages: typed on one device, offered on another, gone once published; kept by a button without JavaScript.</summary>
public sealed partial class Using_the_forum_in_a_browser
{
    private const string DraftTitle = "Nháp: thuê nhà ở Huế — 𝐑𝐄𝐕𝐈𝐄𝐖 후에";
    private const string DraftBody = "Tiếng Việt: ả ã á ạ à ẳ ẵ ắ ặ ằ ẩ ẫ ấ ậ ầ ể ễ ế ệ ề ổ ỗ ố ộ ồ ử ữ ứ ự ừ\n\n한국어: 방 구하기";

    /// <summary>The member's draft at the place as the API holds it, or null.</summary>
    private static async Task<JsonElement?> DraftAtAsync(HttpClient api, string place)
    {
        var answer = await api.GetAsync($"/api/drafts/{place}");
        return answer.StatusCode == HttpStatusCode.OK ? await answer.Content.ReadFromJsonAsync<JsonElement>() : null;
    }

    [Fact]
    public async Task A_draft_typed_in_one_browser_is_offered_in_another_and_gone_once_published()
    {
        const string name = "người_viết_nháp_hai_máy";
        const string board = "nhap-hai-may";
        await forum.CreateBoardAsync(board, "Nháp hai máy 초안");
        using var api = await forum.SignUpAsync(name);

        // On the laptop the member types; the page saves by itself and says so.
        var laptop = await forum.NewPageAsync(width: 1366);
        await SignInAsync(laptop, name);
        await laptop.GotoAsync($"/compose?board={board}");
        await laptop.GetByLabel("Tiêu đề").FillAsync(DraftTitle);
        await laptop.GetByLabel("Nội dung (Markdown)").FillAsync(DraftBody);
        await Assertions.Expect(laptop.Locator("form.composer .draft-status")).ToHaveTextAsync("Đã lưu nháp.", new() { Timeout = 15_000 });
        var saved = await Eventually.ValueAsync(() => DraftAtAsync(api, $"board-{board}"),
            draft => draft?.GetProperty("body").GetString() == DraftBody, what: "the typed text in the member's draft");
        Assert.Equal(DraftTitle, saved!.Value.GetProperty("title").GetString());
        await Assertions.Expect(laptop.GetByRole(AriaRole.Button, new() { Name = "Bỏ nháp" })).ToBeVisibleAsync();
        await AssertNoWiderThanTheWindowAsync(laptop);
        await laptop.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "compose-draft-1366.png"), FullPage = true });

        // A phone, a browser of its own, opens the composer with the draft, and says that it is one.
        var phone = await forum.NewPageAsync(width: 390);
        await SignInAsync(phone, name);
        await phone.GotoAsync("/compose");
        await Assertions.Expect(phone.GetByLabel("Chuyên mục")).ToHaveValueAsync(board);
        await Assertions.Expect(phone.GetByLabel("Tiêu đề")).ToHaveValueAsync(DraftTitle);
        await Assertions.Expect(phone.GetByLabel("Nội dung (Markdown)")).ToHaveValueAsync(DraftBody);
        await Assertions.Expect(phone.Locator("form.composer .draft-status")).ToContainTextAsync("Đây là bản nháp bạn lưu lúc");
        await AssertNoWiderThanTheWindowAsync(phone);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "compose-draft-390.png"), FullPage = true });

        // Published from the phone: no draft is left, and the composer is empty again.
        await phone.GetByRole(AriaRole.Button, new() { Name = "Đăng bài" }).ClickAsync();
        await phone.WaitForURLAsync("**/posts/**");
        var post = phone.Url.Split('/')[^1];
        Assert.Equal(0, (await api.GetFromJsonAsync<JsonElement>("/api/drafts")).GetProperty("total").GetInt32());
        await laptop.GotoAsync($"/compose?board={board}");
        await Assertions.Expect(laptop.GetByLabel("Tiêu đề")).ToHaveValueAsync("");
        await Assertions.Expect(laptop.GetByLabel("Nội dung (Markdown)")).ToHaveValueAsync("");

        // A comment begun on the laptop is waiting on the phone; sent from there (by the page's
        // script, without a reload), its draft is gone too.
        await laptop.GotoAsync($"/posts/{post}");
        await laptop.GetByLabel("Viết bình luận").FillAsync("Bình luận nháp: " + DraftBody);
        await Assertions.Expect(laptop.Locator("form.comment-form .draft-status")).ToHaveTextAsync("Đã lưu nháp.", new() { Timeout = 15_000 });
        await Eventually.ValueAsync(() => DraftAtAsync(api, $"comment-{post}"),
            draft => draft?.GetProperty("body").GetString() == "Bình luận nháp: " + DraftBody, what: "the comment's draft");
        await phone.ReloadAsync();
        await Assertions.Expect(phone.GetByLabel("Viết bình luận")).ToHaveValueAsync("Bình luận nháp: " + DraftBody);
        await Assertions.Expect(phone.Locator("form.comment-form .draft-status")).ToContainTextAsync("Đây là bản nháp bạn lưu lúc");
        await AssertNoWiderThanTheWindowAsync(phone);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "comment-draft-390.png"), FullPage = true });
        // The comments service learns of the new post from its event: a first comment waits for that.
        await api.CommentAsync(Guid.Parse(post), "Bình luận đầu tiên.");
        await phone.Locator("form.comment-form").GetByRole(AriaRole.Button, new() { Name = "Gửi" }).ClickAsync();
        await phone.Locator(".comment.thread", new() { HasText = "Bình luận nháp" }).WaitForAsync();
        await Eventually.ValueAsync(() => DraftAtAsync(api, $"comment-{post}"), draft => draft is null, what: "the comment's draft to be gone");
        await phone.ReloadAsync();
        await Assertions.Expect(phone.GetByLabel("Viết bình luận")).ToHaveValueAsync("");
        Assert.Equal(0, (await api.GetFromJsonAsync<JsonElement>("/api/drafts")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Without_JavaScript_the_save_draft_button_keeps_a_draft_and_the_discard_button_removes_it()
    {
        const string name = "người_viết_nháp_không_js";
        const string board = "nhap-khong-js";
        await forum.CreateBoardAsync(board, "Nháp không JS");
        using var api = await forum.SignUpAsync(name);
        var context = await forum.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = forum.Gateway.BaseAddress.ToString().TrimEnd('/'),
            JavaScriptEnabled = false,
            Locale = "vi-VN",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await context.NewPageAsync();
        await SignInAsync(page, name);
        await page.GotoAsync($"/compose?board={board}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Bỏ nháp" })).ToBeHiddenAsync();
        await page.GetByLabel("Tiêu đề").FillAsync(DraftTitle);
        await page.GetByLabel("Nội dung (Markdown)").FillAsync(DraftBody);
        // Without the page's script nothing is saved until the member asks.
        Assert.Null(await DraftAtAsync(api, $"board-{board}"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu nháp" }).ClickAsync();
        await Assertions.Expect(page.Locator("form.composer .draft-status")).ToHaveTextAsync("Đã lưu nháp.");
        await Assertions.Expect(page.GetByLabel("Tiêu đề")).ToHaveValueAsync(DraftTitle);
        await Assertions.Expect(page.GetByLabel("Nội dung (Markdown)")).ToHaveValueAsync(DraftBody);
        var saved = await DraftAtAsync(api, $"board-{board}");
        // A form post sends a text area's line breaks as CR LF, as every browser does; the draft keeps what was sent.
        Assert.Equal((DraftTitle, DraftBody.ReplaceLineEndings("\r\n")), (saved?.GetProperty("title").GetString(), saved?.GetProperty("body").GetString()));
        await AssertNoWiderThanTheWindowAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "compose-draft-saved-390-html.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Bỏ nháp" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Tiêu đề")).ToHaveValueAsync("");
        await Assertions.Expect(page.GetByLabel("Nội dung (Markdown)")).ToHaveValueAsync("");
        Assert.Null(await DraftAtAsync(api, $"board-{board}"));
        await context.CloseAsync();
    }
}
