using Forum.Testing;
using Microsoft.Playwright;

namespace Forum.Browser.Tests;

/// <summary>Tags in the pages: given on compose, shown as links, each link a page of its posts; a moderator renames one.</summary>
public sealed partial class Using_the_forum_in_a_browser
{
    [Fact]
    public async Task An_author_tags_a_post_on_a_phone_the_tag_link_lists_it_and_a_moderator_renames_the_tag()
    {
        const string title = "Học tiếng Hàn mỗi ngày 매일 한국어";
        (await forum.SignUpAsync("tác_giả_thẻ_web")).Dispose();
        var phone = await forum.NewPageAsync(width: 390);
        await phone.SetViewportSizeAsync(390, 844);
        await SignInAsync(phone, "tác_giả_thẻ_web");

        await phone.GotoAsync("/compose");
        await phone.GetByLabel("Chuyên mục").SelectOptionAsync("doi-song");
        await phone.GetByLabel("Tiêu đề").FillAsync(title);
        await phone.GetByLabel("Nội dung (Markdown)").FillAsync("Mỗi ngày mười từ mới.");
        var tags = phone.GetByLabel("Thẻ", new() { Exact = true });
        // A tag that cannot be one is refused next to the field, and what was typed stays.
        await tags.FillAsync("Tin Tức, c#");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Đăng bài" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#post-tags-error")).ToContainTextAsync("tối đa 5 thẻ");
        await Assertions.Expect(tags).ToHaveValueAsync("Tin Tức, c#");
        await Assertions.Expect(phone.GetByLabel("Tiêu đề")).ToHaveValueAsync(title);

        await tags.FillAsync("Tin Tức, 한국어, tin tức");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Đăng bài" }).ClickAsync();
        await phone.WaitForURLAsync(PostUrl());
        var postUrl = phone.Url;
        var links = phone.Locator("article.post ul.tags a");
        await Assertions.Expect(links).ToHaveTextAsync(["tin tức", "한국어"]);
        await AssertNoWiderThanTheWindowAsync(phone);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "tags-post-390.png"), FullPage = true });

        await links.Filter(new() { HasText = "한국어" }).ClickAsync();
        await phone.WaitForURLAsync("**/tags/**");
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Thẻ: 한국어");
        var row = phone.Locator("table.posts tr", new() { HasText = title });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator("ul.tags a")).ToHaveTextAsync(["tin tức", "한국어"]);
        // Only moderators see the tag's tools.
        await Assertions.Expect(phone.Locator(".tag-moderation")).ToHaveCountAsync(0);
        await AssertNoWiderThanTheWindowAsync(phone);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "tags-page-390.png"), FullPage = true });

        // The board's listing links the tags too.
        await phone.GotoAsync("/boards/doi-song");
        await Assertions.Expect(phone.Locator("table.posts tr", new() { HasText = title }).Locator("ul.tags a")).ToHaveTextAsync(["tin tức", "한국어"]);

        await MakeModeratorAsync("điều_hành_thẻ_web");
        var desktop = await forum.NewPageAsync(width: 1366);
        await desktop.SetViewportSizeAsync(1366, 900);
        await SignInAsync(desktop, "điều_hành_thẻ_web");
        await desktop.GotoAsync("/tags/" + Uri.EscapeDataString("TIN TỨC"));
        await Assertions.Expect(desktop.Locator("h1")).ToHaveTextAsync("Thẻ: tin tức");
        var tools = desktop.Locator(".tag-moderation");
        await tools.GetByLabel("Đổi tên thành").FillAsync("Tin Hàn Quốc");
        await desktop.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "tags-moderation-1366.png"), FullPage = true });
        await tools.GetByRole(AriaRole.Button, new() { Name = "Đổi tên thẻ" }).ClickAsync();
        await desktop.WaitForURLAsync("**/tags/tin%20h%C3%A0n%20qu%E1%BB%91c?done=renamed");
        await Assertions.Expect(desktop.Locator("p.tag-notice")).ToContainTextAsync("Đã đổi tên thẻ");
        await Assertions.Expect(desktop.Locator("table.posts tr", new() { HasText = title })).ToBeVisibleAsync();
        await AssertNoWiderThanTheWindowAsync(desktop);

        // The post follows, and its history holds the change.
        await Eventually.ValueAsync(async () =>
        {
            await phone.GotoAsync(postUrl);
            return await phone.Locator("article.post ul.tags a").AllInnerTextsAsync();
        }, shown => shown.SequenceEqual(["tin hàn quốc", "한국어"]), what: "the renamed tag on the post");
        await Assertions.Expect(phone.Locator("article.post .meta a", new() { HasText = "Lịch sử sửa" })).ToHaveCountAsync(1);
    }
}
