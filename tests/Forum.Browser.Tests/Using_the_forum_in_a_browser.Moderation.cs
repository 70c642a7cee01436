using Forum.Testing;
using Microsoft.Playwright;

namespace Forum.Browser.Tests;

/// <summary>Reporting and the moderation queue, in a real browser.</summary>
public sealed partial class Using_the_forum_in_a_browser
{
    [Fact]
    public async Task A_report_travels_from_a_member_to_the_queue_and_a_moderator_s_decision_removes_the_comment()
    {
        using var author = await forum.SignUpAsync("tác_giả_bị_spam");
        var postId = await PublishAsync(author, "doi-song", HostileTitle);
        using var spammer = await forum.SignUpAsync("người_rải_link");
        const string spam = "Mua ngay tại " + LongUrl + " — 지금 구매 giá rẻ bất ngờ";
        var commentId = await CommentAsync(spammer, postId, spam);
        (await forum.SignUpAsync("người_báo_cáo")).Dispose();
        await MakeModeratorAsync("người_kiểm_duyệt");

        // The member reports the comment from the post page, with no script needed.
        var member = await forum.NewPageAsync(width: 1366);
        await SignInAsync(member, "người_báo_cáo");
        await member.GotoAsync($"/posts/{postId}");
        var comment = member.Locator($"#c-{commentId}");
        await Assertions.Expect(comment).ToContainTextAsync("지금 구매");
        await comment.Locator("details.report-form summary").ClickAsync();
        await comment.GetByLabel("Quảng cáo, spam").CheckAsync();
        await comment.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        // The page's notice; the comment form's draft line is a status too, empty until it saves.
        await Assertions.Expect(member.GetByRole(AriaRole.Status).Filter(new() { HasText = "Cảm ơn bạn" })).ToHaveTextAsync("Cảm ơn bạn. Báo cáo đã được gửi tới người kiểm duyệt.");

        // The moderator finds it in the queue, on a phone, and deletes the comment.
        var moderator = await forum.NewPageAsync(width: 390);
        await SignInAsync(moderator, "người_kiểm_duyệt");
        await moderator.GetByRole(AriaRole.Link, new() { Name = "Kiểm duyệt", Exact = true }).ClickAsync();
        await moderator.WaitForURLAsync("**/moderation");
        var item = moderator.Locator($"#r-{commentId}");
        await Assertions.Expect(item.Locator(".report-count")).ToHaveTextAsync("1 báo cáo");
        await Assertions.Expect(item.Locator(".reports")).ToContainTextAsync("người_báo_cáo: Quảng cáo, spam");
        await Assertions.Expect(item.Locator(".excerpt")).ToHaveTextAsync(spam);
        await Assertions.Expect(item.Locator("h2 a")).ToHaveTextAsync(HostileTitle);
        await AssertNoWiderThanTheWindowAsync(moderator);
        await moderator.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "moderation-queue-390.png"), FullPage = true });
        await moderator.SetViewportSizeAsync(1366, 900);
        await AssertNoWiderThanTheWindowAsync(moderator);
        await moderator.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "moderation-queue-1366.png"), FullPage = true });

        await item.GetByRole(AriaRole.Button, new() { Name = "Xoá nội dung" }).ClickAsync();
        await Assertions.Expect(moderator.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã xử lý báo cáo.");
        await Assertions.Expect(moderator.Locator($"#r-{commentId}")).ToHaveCountAsync(0);

        // The comment is gone from the post page, and the log says who did what.
        await member.GotoAsync($"/posts/{postId}");
        for (var i = 0; i < 40 && await member.Locator($"#c-{commentId} .body").CountAsync() > 0; i++)
        {
            await Task.Delay(100);
            await member.ReloadAsync();
        }
        await Assertions.Expect(member.Locator("body")).Not.ToContainTextAsync("지금 구매");
        await moderator.GotoAsync("/moderation/log");
        var entry = moderator.Locator("ol.moderation-log li", new() { HasText = "người_rải_link" });
        await Assertions.Expect(entry).ToContainTextAsync("xoá bình luận (1 báo cáo) của người_rải_link");
        await Assertions.Expect(entry).ToContainTextAsync("người_kiểm_duyệt");
        await moderator.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "moderation-log.png"), FullPage = true });
    }

    [Fact]
    public async Task A_moderator_hides_a_post_from_its_page_readers_lose_it_and_showing_it_again_brings_it_back()
    {
        using var author = await forum.SignUpAsync("tác_giả_bị_ẩn_web");
        var postId = await PublishAsync(author, "doi-song", HostileTitle);
        await MakeModeratorAsync("người_ẩn_bài");
        var moderator = await forum.NewPageAsync(width: 390);
        await SignInAsync(moderator, "người_ẩn_bài");
        await moderator.GotoAsync($"/posts/{postId}");

        await moderator.GetByRole(AriaRole.Button, new() { Name = "Ẩn bài", Exact = true }).ClickAsync();
        await Assertions.Expect(moderator.Locator(".hidden-notice")).ToHaveTextAsync("Bài viết đã bị kiểm duyệt viên ẩn; người đọc không thấy bài này.");
        await Assertions.Expect(moderator.Locator("h1")).ToContainTextAsync(HostileTitle);
        await AssertNoWiderThanTheWindowAsync(moderator);
        await moderator.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "hidden-post-390.png"), FullPage = true });
        var reader = await forum.NewPageAsync();
        var hidden = await Eventually.ValueAsync(async () => (await reader.GotoAsync($"/posts/{postId}"))!.Status, status => status == 404, what: "the post hidden from readers");
        Assert.Equal(404, hidden);
        Assert.Equal(0, await reader.GetByText(HostileTitle).CountAsync());

        await moderator.GetByRole(AriaRole.Button, new() { Name = "Hiện lại", Exact = true }).ClickAsync();
        await Assertions.Expect(moderator.Locator(".hidden-notice")).ToHaveCountAsync(0);
        var shown = await Eventually.ValueAsync(async () => (await reader.GotoAsync($"/posts/{postId}"))!.Status, status => status == 200, what: "the post shown again");
        Assert.Equal(200, shown);
        await moderator.GotoAsync("/moderation/log");
        await Assertions.Expect(moderator.Locator("ol.moderation-log li", new() { HasText = "ẩn bài viết của tác_giả_bị_ẩn_web" })).ToContainTextAsync("người_ẩn_bài");
        await Assertions.Expect(moderator.Locator("ol.moderation-log li", new() { HasText = "hiện lại bài viết của tác_giả_bị_ẩn_web" })).ToHaveCountAsync(1);
    }

    private static async Task AssertNoWiderThanTheWindowAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"the page is {widths[0]} px wide in a {widths[1]} px window");
    }
}
