using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Forum.Testing;
using Microsoft.Playwright;

namespace Forum.Browser.Tests;

/// <summary>What a reader and a writer do in a real browser, against the whole forum.</summary>
public sealed partial class Using_the_forum_in_a_browser(BrowserFixture forum) : IClassFixture<BrowserFixture>
{
    private const string Title = "Kinh nghiệm thuê nhà ở Seoul — 서울 집 구하기";

    private static async Task RegisterAsync(IPage page, string userName)
    {
        await page.GotoAsync("/account/register");
        await page.GetByLabel("Tên người dùng").FillAsync(userName);
        await page.GetByLabel("Mật khẩu (ít nhất 10 ký tự)").FillAsync("mật-khẩu-đủ-dài");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng ký" }).ClickAsync();
        await page.WaitForURLAsync("**/");
    }

    /// <summary>A new member publishes a post through the API; its id.</summary>
    private async Task<Guid> PublishAsync(string author, string board, string title, string body)
    {
        using var api = await forum.SignUpAsync(author);
        var created = await api.PostAsJsonAsync("/api/posts", new { board, title, body });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task MakeModeratorAsync(string userName)
    {
        (await forum.SignUpAsync(userName)).Dispose();
        (await forum.Admin.PutAsync($"/api/accounts/{userName}/roles/moderator", null)).EnsureSuccessStatusCode();
    }

    private static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Tên người dùng").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync("mật-khẩu-đủ-dài");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync("**/");
    }

    [Fact]
    public async Task A_writer_registers_publishes_with_an_image_and_readers_comment_and_reply()
    {
        var writer = await forum.NewPageAsync();
        await RegisterAsync(writer, "người_viết_web");
        Assert.Contains("người_viết_web", await writer.Locator("header").InnerTextAsync());

        await writer.GotoAsync("/compose");
        await writer.GetByLabel("Chuyên mục").SelectOptionAsync("doi-song");
        await writer.GetByLabel("Tiêu đề").FillAsync(Title);
        await writer.GetByLabel("Nội dung (Markdown)").FillAsync("Mình chia sẻ **kinh nghiệm** tìm nhà.");
        await writer.GetByLabel("Chọn ảnh").SetInputFilesAsync(new FilePayload { Name = "nhà.png", MimeType = "image/png", Buffer = SampleImages.Png });
        await writer.GetByLabel("Mô tả ảnh").FillAsync("Căn nhà");
        // Preview uploads the chosen image and puts it in the text, where the writer sees it before publishing.
        await writer.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).ClickAsync();
        Assert.Matches("!\\[Căn nhà\\]\\(/upload/[0-9a-f]{64}\\.webp\\)", await writer.GetByLabel("Nội dung (Markdown)").InputValueAsync());
        await Assertions.Expect(writer.Locator("section.preview img[alt='Căn nhà']")).ToBeVisibleAsync();
        await writer.GetByRole(AriaRole.Button, new() { Name = "Đăng bài" }).ClickAsync();
        await writer.WaitForURLAsync(PostUrl());

        Assert.Equal(Title, (await writer.Locator("h1").InnerTextAsync()).Trim());
        Assert.True(await writer.Locator(".post .body img[src^='/upload/']").IsVisibleAsync());
        var postUrl = writer.Url;
        await writer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "post-page.png"), FullPage = true });

        await writer.GotoAsync("/boards/doi-song");
        var row = writer.Locator("table.posts tr", new() { HasText = Title });
        Assert.True(await row.IsVisibleAsync());
        Assert.Equal("NV", (await row.Locator(".avatar").InnerTextAsync()).Trim());
        await writer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "board-page.png"), FullPage = true });

        var reader = await forum.NewPageAsync();
        await RegisterAsync(reader, "bạn_đọc_web");
        await reader.GotoAsync(postUrl);
        // Comments and replies go through the page's script: the page is updated, not reloaded.
        await MarkAsNotReloadedAsync(reader);
        await reader.GetByLabel("Viết bình luận").FillAsync("Cảm ơn bạn, rất hữu ích! 감사합니다");
        await reader.GetByRole(AriaRole.Button, new() { Name = "Gửi" }).Last.ClickAsync();
        await reader.Locator(".comment.thread", new() { HasText = "rất hữu ích" }).WaitForAsync();
        Assert.True(await WasNotReloadedAsync(reader), "The comment reloaded the page.");
        await Assertions.Expect(reader.Locator("[data-comments]")).ToHaveTextAsync("1");

        await writer.GotoAsync(postUrl);
        await MarkAsNotReloadedAsync(writer);
        var thread = writer.Locator(".comment.thread", new() { HasText = "rất hữu ích" });
        await thread.Locator("summary", new() { HasText = "Trả lời" }).ClickAsync();
        await thread.GetByLabel("Trả lời").FillAsync("Không có gì, chúc bạn tìm được nhà!");
        await thread.GetByRole(AriaRole.Button, new() { Name = "Gửi" }).ClickAsync();
        var reply = writer.Locator(".comment.reply", new() { HasText = "chúc bạn tìm được nhà" });
        await reply.WaitForAsync();
        Assert.Contains("người_viết_web", await reply.InnerTextAsync());
        Assert.True(await WasNotReloadedAsync(writer), "The reply reloaded the page.");
        await Assertions.Expect(writer.Locator("[data-comments]")).ToHaveTextAsync("2");
    }

    private static Task MarkAsNotReloadedAsync(IPage page) => page.EvaluateAsync("() => { window.notReloaded = true; }");

    private static Task<bool> WasNotReloadedAsync(IPage page) => page.EvaluateAsync<bool>("() => window.notReloaded === true");

    [Fact]
    public async Task Page_three_of_a_board_with_seventy_posts_is_reached_through_the_page_numbers()
    {
        await forum.CreateBoardAsync("bai-nhieu", "Nhiều bài");
        using var api = await forum.SignUpAsync("viết_nhiều");
        for (var i = 1; i <= 70; i++)
        {
            (await api.PostAsJsonAsync("/api/posts", new { board = "bai-nhieu", title = $"Bài số {i:00}", body = "x" })).EnsureSuccessStatusCode();
        }
        await Eventually.ValueAsync(
            () => forum.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/boards/bai-nhieu/posts"),
            l => l.GetProperty("totalPosts").GetInt32() == 70);

        var page = await forum.NewPageAsync();
        await page.GotoAsync("/boards/bai-nhieu");
        var pager = page.Locator("nav.pager");
        Assert.Equal("1", (await pager.Locator("[aria-current=page]").InnerTextAsync()).Trim());
        await pager.GetByRole(AriaRole.Link, new() { Name = "3", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/boards/bai-nhieu?page=3");

        Assert.Equal("3", (await pager.Locator("[aria-current=page]").InnerTextAsync()).Trim());
        // Newest first: page 3 holds posts 30 down to 11.
        var titles = await page.Locator("table.posts td.title a").AllInnerTextsAsync();
        Assert.Equal(Enumerable.Range(11, 20).Reverse().Select(n => $"Bài số {n:00}"), titles);
        Assert.Equal(["«", "1", "2", "3", "4", "»"], (await pager.Locator("a, span").AllInnerTextsAsync()).Select(t => t.Trim()));
    }

    [Fact]
    public async Task A_reader_switches_to_English_and_back_and_a_browser_that_prefers_English_gets_it()
    {
        var page = await forum.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Equal("vi", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Đăng nhập", Exact = true }).IsVisibleAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "EN", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/");
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).IsVisibleAsync());
        Assert.Contains("Latest posts", await page.Locator("main").InnerTextAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "VI", Exact = true }).ClickAsync();
        Assert.Contains("Bài mới", await page.Locator("main").InnerTextAsync());

        var english = await forum.NewPageAsync(locale: "en-US");
        await english.GotoAsync("/");
        Assert.Equal("en", await english.Locator("html").GetAttributeAsync("lang"));
    }

    [Fact]
    public async Task The_board_page_fits_a_phone_and_works_without_JavaScript()
    {
        var context = await forum.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = forum.Gateway.BaseAddress.ToString().TrimEnd('/'),
            JavaScriptEnabled = false,
            ViewportSize = new ViewportSize { Width = 375, Height = 800 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/boards/tin-tuc");

        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "board-page-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task A_search_typed_without_diacritics_finds_the_Vietnamese_post_and_the_statistics_are_a_chart()
    {
        using var api = await forum.SignUpAsync("người_tìm");
        (await api.PostAsJsonAsync("/api/posts", new { board = "hoi-dap", title = "Thủ tục gia hạn visa E-9", body = "Hồ sơ cần những gì?" })).EnsureSuccessStatusCode();

        var page = await forum.NewPageAsync();
        await page.GotoAsync("/");
        await Eventually.ValueAsync(async () =>
        {
            await page.GetByRole(AriaRole.Searchbox, new() { Name = "Tìm kiếm" }).First.FillAsync("thu tuc gia han");
            await page.GetByRole(AriaRole.Searchbox, new() { Name = "Tìm kiếm" }).First.PressAsync("Enter");
            await page.WaitForURLAsync("**/search?q=*");
            return await page.Locator("table.posts td.title a").AllInnerTextsAsync();
        }, titles => titles.Contains("Thủ tục gia hạn visa E-9"));
        Assert.Contains("Thủ tục gia hạn visa E-9", await page.Locator("table.posts td.title a").AllInnerTextsAsync());

        await page.GotoAsync("/stats");
        Assert.True(await page.Locator("figure.chart svg").IsVisibleAsync());
        Assert.True(await page.Locator("svg rect.posts").CountAsync() >= 30);
        // Today's bar stands: its size is a number the browser can draw.
        var height = await page.Locator("svg rect.posts").Last.GetAttributeAsync("height");
        Assert.True(double.Parse(height!, System.Globalization.CultureInfo.InvariantCulture) > 0, $"today's bar has height {height}");
        var box = await page.Locator("svg rect.posts").Last.BoundingBoxAsync();
        Assert.True(box is { Height: > 0 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "statistics.png"), FullPage = true });
    }

    [Fact]
    public async Task Opening_a_post_counts_one_view_and_reloading_it_within_the_hour_does_not()
    {
        await forum.CreateBoardAsync("luot-xem", "Lượt xem");
        var id = await PublishAsync("người_đếm", "luot-xem", "Đếm lượt xem", "x");
        // The listing shows counts without counting a view itself.
        async Task<long> ViewsAsync() => (await forum.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/boards/luot-xem/posts"))
            .GetProperty("posts").EnumerateArray().Single().GetProperty("views").GetInt64();
        await Eventually.ValueAsync(async () => (await forum.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/boards/luot-xem/posts")).GetProperty("totalPosts").GetInt32(), n => n == 1);

        var page = await forum.NewPageAsync();
        await page.GotoAsync($"/posts/{id}");
        // The page that counted the first view shows it at once, not a moment later.
        Assert.Equal("1", await page.Locator("article.post .meta [data-views]").TextContentAsync());
        Assert.Equal(1, await Eventually.ValueAsync(ViewsAsync, views => views == 1, TimeSpan.FromSeconds(20)));
        await page.ReloadAsync();
        await page.ReloadAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(1, await ViewsAsync());
        await page.ReloadAsync();
        var meta = await page.Locator(".post .meta").InnerTextAsync();
        Assert.Contains("Lượt xem: 1", meta);
        // The counts read as on the boards readers know: likes, views, comments.
        Assert.True(meta.IndexOf("Thích:", StringComparison.Ordinal) < meta.IndexOf("Lượt xem:", StringComparison.Ordinal)
            && meta.IndexOf("Lượt xem:", StringComparison.Ordinal) < meta.IndexOf("Bình luận:", StringComparison.Ordinal), meta);
    }

    [Fact]
    public async Task Moderators_see_and_use_lock_and_pin_members_do_not_see_them_and_a_like_needs_no_reload()
    {
        var id = await PublishAsync("tác_giả_kiểm_duyệt", "tin-tuc", "Bài cần kiểm duyệt", "x");
        await MakeModeratorAsync("mod_web");

        var member = await forum.NewPageAsync();
        await RegisterAsync(member, "thành_viên_web");
        await member.GotoAsync($"/posts/{id}");
        Assert.Equal(0, await member.Locator("form.moderation").CountAsync());

        // A like through the page's script: the count changes in place, the page is not reloaded.
        var navigations = 0;
        member.FrameNavigated += (_, _) => navigations++;
        await member.GetByRole(AriaRole.Button, new() { Name = "Thích", Exact = true }).ClickAsync();
        await Assertions.Expect(member.Locator("article.post .meta [data-likes]")).ToHaveTextAsync("1");
        Assert.Equal(0, navigations);

        var moderator = await forum.NewPageAsync();
        await SignInAsync(moderator, "mod_web");
        await moderator.GotoAsync($"/posts/{id}");
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Khoá", Exact = true }).ClickAsync();
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Ghim", Exact = true }).ClickAsync();

        var post = await Eventually.ValueAsync(
            () => forum.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/boards/tin-tuc/posts"),
            l => l.GetProperty("posts")[0].GetProperty("id").GetGuid() == id && l.GetProperty("posts")[0].GetProperty("pinned").GetBoolean());
        Assert.True(post.GetProperty("posts")[0].GetProperty("pinned").GetBoolean());
        // The lock and the pin are two events; the listing showing the pin does not mean the lock has been projected.
        var locked = await Eventually.ValueAsync(async () =>
        {
            await member.ReloadAsync();
            return await member.Locator(".notice").IsVisibleAsync();
        }, shown => shown, what: "the lock notice");
        Assert.True(locked);
        Assert.Equal(0, await member.Locator("form.comment-form").CountAsync());
    }

    [Fact]
    public async Task A_moderator_deletes_a_post_only_after_confirming_and_readers_no_longer_find_it()
    {
        await forum.CreateBoardAsync("xoa-bai", "Xoá bài");
        var id = await PublishAsync("tác_giả_bị_xoá", "xoa-bai", "Bài sẽ bị xoá", "x");
        await MakeModeratorAsync("mod_xoá");

        var moderator = await forum.NewPageAsync();
        await SignInAsync(moderator, "mod_xoá");
        await Eventually.ValueAsync(async () => (await moderator.GotoAsync($"/posts/{id}"))!.Status, status => status == 200);

        // The first click only asks; the post is still there.
        var deleteForGood = moderator.GetByRole(AriaRole.Button, new() { Name = "Xoá hẳn" });
        Assert.False(await deleteForGood.IsVisibleAsync());
        await moderator.Locator("details.confirm-delete summary").ClickAsync();
        await Assertions.Expect(moderator.GetByText("Xoá bài này?")).ToBeVisibleAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await forum.Client.GetAsync($"/api/posts/{id}")).StatusCode);

        await deleteForGood.ClickAsync();
        // The URL alone, not the home page's load event: under load, Chromium's "load" after a
        // redirected form post was sometimes not seen by the driver, and the wait timed out on a page
        // that had arrived.
        await Assertions.Expect(moderator).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^https?://[^/]+/$"));
        var gone = await Eventually.ValueAsync(async () => (await forum.Client.GetAsync($"/api/posts/{id}")).StatusCode,
            status => status == System.Net.HttpStatusCode.NotFound, what: "the post to be gone");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone);
        var reader = await forum.NewPageAsync();
        await reader.GotoAsync("/boards/xoa-bai");
        Assert.Equal(0, await reader.GetByText("Bài sẽ bị xoá").CountAsync());
    }

    [Fact]
    public async Task A_keyboard_alone_signs_in_and_likes_and_every_text_on_the_pages_is_legible()
    {
        var id = await PublishAsync("tác_giả_bàn_phím", "tin-tuc", "Đọc bằng bàn phím", "**Đậm** và [liên kết](https://example.org)");
        await forum.SignUpAsync("người_dùng_bàn_phím");

        // The first Tab reaches the skip link, which leads past the header to the content.
        var page = await forum.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Bỏ qua, đến nội dung", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        Assert.True(await page.EvaluateAsync<bool>("getComputedStyle(document.activeElement).outlineStyle !== 'none'"), "the focused link shows a focus outline");
        await page.Keyboard.PressAsync("Enter");
        // From the content, Tab walks to the form's fields and Enter sends it.
        await TabToAsync(page, page.Locator("input[name=UserName]"));
        await page.Keyboard.TypeAsync("người_dùng_bàn_phím");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("mật-khẩu-đủ-dài");
        await page.Keyboard.PressAsync("Enter");
        // Signed in and sent home (the skip link's #main rides along on the redirect).
        await Assertions.Expect(page.Locator(".who")).ToHaveTextAsync("người_dùng_bàn_phím", new() { Timeout = 30_000 });

        // The like button is reached with Tab and pressed with Enter.
        await Eventually.ValueAsync(async () => (await page.GotoAsync($"/posts/{id}"))!.Status, status => status == 200);
        var like = page.GetByRole(AriaRole.Button, new() { Name = "Thích", Exact = true });
        await TabToAsync(page, like);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("article.post .meta [data-likes]")).ToHaveTextAsync("1");

        // WCAG AA: every piece of text on these pages is at least 4.5:1 against what is behind it.
        foreach (var path in new[] { "/", "/boards/tin-tuc", $"/posts/{id}", "/stats", "/account/sign-in" })
        {
            await page.GotoAsync(path);
            var poor = await page.EvaluateAsync<string[]>(LowContrastTexts);
            Assert.True(poor.Length == 0, $"{path} has text below 4.5:1: {string.Join("; ", poor)}");
        }
    }

    /// <summary>Presses Tab, as a keyboard user would, until <paramref name="target"/> has the focus (at most 40 times).</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var tabs = 0; tabs < 40 && !await target.EvaluateAsync<bool>("element => element === document.activeElement"); tabs++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
    }

    /// <summary>
    /// Every visible element with text of its own whose colour is below 4.5:1 against the first
    /// opaque background behind it (WCAG 2 relative luminance).
    /// </summary>
    private const string LowContrastTexts = """
        () => {
          const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
          const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
            .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
          const background = el => {
            for (; el; el = el.parentElement) {
              const c = rgb(getComputedStyle(el).backgroundColor);
              if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
            }
            return [255, 255, 255];
          };
          const poor = [];
          for (const el of document.querySelectorAll('body *')) {
            const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
            const box = el.getBoundingClientRect();
            if (!own || box.width === 0 || box.height === 0 || el.closest('svg')) continue;
            const style = getComputedStyle(el);
            if (style.visibility === 'hidden') continue;
            const fg = lum(rgb(style.color)), bg = lum(background(el));
            const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
            if (ratio < 4.5) poor.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 20)}" ${ratio.toFixed(2)}`);
          }
          return poor;
        }
        """;

    [GeneratedRegex("/posts/[0-9a-f-]{36}$")]
    private static partial Regex PostUrl();
}
