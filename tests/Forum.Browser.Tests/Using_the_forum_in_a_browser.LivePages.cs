using Microsoft.Playwright;

namespace Forum.Browser.Tests;

/// <summary>Pages that change while they are open, in a real browser.</summary>
public sealed partial class Using_the_forum_in_a_browser
{
    [Fact]
    public async Task A_comment_by_another_member_appears_on_the_open_post_page_and_the_bell_rises_without_a_reload()
    {
        const string title = "Chia sẻ kinh nghiệm xin visa E-7 — 비자 경험";
        using var author = await forum.SignUpAsync("chủ_bài_trang_sống");
        var postId = await PublishAsync(author, "hoi-dap", title);
        using var visitor = await forum.SignUpAsync("khách_trang_sống");

        foreach (var width in new[] { 1366, 390 })
        {
            var page = await forum.NewPageAsync(width: width);
            await SignInAsync(page, "chủ_bài_trang_sống");
            await page.GotoAsync($"/posts/{postId}");
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(title);
            var unreadBefore = await page.Locator(".bell-count").CountAsync() == 0 ? 0 : int.Parse(await page.Locator(".bell-count").InnerTextAsync());
            // Nothing below reloads: a marker set now would be gone after a reload.
            await page.EvaluateAsync("() => window.__notReloaded = true");
            await Assertions.Expect(page.Locator("text=Chưa có bình luận")).ToHaveCountAsync(width == 1366 ? 1 : 0);

            var body = width == 1366
                ? "Tôi nộp hồ sơ ở **Seoul**, chờ 3 tuần. 서류는 꼭 번역하세요. " + LongUrl
                : "Thêm: nhớ dịch công chứng bằng đại học — 학위증 번역 공증";
            var commentId = await CommentAsync(visitor, postId, body);

            var comment = page.Locator($"#c-{commentId}");
            await Assertions.Expect(comment).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Assertions.Expect(comment.Locator(".meta")).ToContainTextAsync("khách_trang_sống");
            await Assertions.Expect(comment.Locator(".body")).ToContainTextAsync(width == 1366 ? "서류는 꼭 번역하세요" : "학위증 번역 공증");
            await Assertions.Expect(page.Locator("[data-comments]")).ToHaveTextAsync(width == 1366 ? "1" : "2");
            await Assertions.Expect(page.Locator(".bell-count")).ToHaveTextAsync((unreadBefore + 1).ToString(), new() { Timeout = 15_000 });
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Thông báo: {unreadBefore + 1} chưa đọc", Exact = true })).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<bool>("() => window.__notReloaded === true"), "the page was reloaded");

            // The long address in the new comment stays inside the page.
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 1, $"the page is {overflow} px wider than the window at {width} px");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, $"live-comment-{width}.png"), FullPage = true });

            // A like from the visitor shows in the count, too.
            if (width == 1366)
            {
                (await visitor.PutAsync($"/api/posts/{postId}/like", null)).EnsureSuccessStatusCode();
                await Assertions.Expect(page.Locator("article.post .meta [data-likes]")).ToHaveTextAsync("1", new() { Timeout = 15_000 });
            }
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_board_page_left_open_tells_of_a_new_post_and_keeps_its_rows_counts_current()
    {
        using var author = await forum.SignUpAsync("người_viết_bảng_sống");
        var older = await PublishAsync(author, "doi-song", "Bài cũ trên bảng Đời sống");
        var page = await forum.NewPageAsync(width: 1366);
        await page.GotoAsync("/boards/doi-song");
        var row = page.Locator($"tr[data-post=\"{older}\"]");
        // What this is about is the page once it is open with the post on it: the read model trails
        // the publish, and an anonymous board page may be kept for half a second, so reload until then.
        for (var i = 0; i < 40 && !await row.IsVisibleAsync(); i++)
        {
            await Task.Delay(250);
            await page.ReloadAsync();
        }
        await Assertions.Expect(row).ToBeVisibleAsync();

        using var reader = await forum.SignUpAsync("người_đọc_bảng_sống");
        await CommentAsync(reader, older, "Cảm ơn bạn!");
        await Assertions.Expect(row.Locator("[data-count=\"comments\"]")).ToHaveTextAsync("1", new() { Timeout = 15_000 });

        await PublishAsync(author, "doi-song", "Bài mới: lịch họp cộng đồng tháng 12");
        var notice = page.GetByRole(AriaRole.Status).GetByRole(AriaRole.Link, new() { Name = "Có bài viết mới: xem ngay" });
        await Assertions.Expect(notice).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await notice.ClickAsync();
        await Assertions.Expect(page.Locator("td.title", new() { HasText = "Bài mới: lịch họp cộng đồng tháng 12" })).ToBeVisibleAsync();
    }
}
