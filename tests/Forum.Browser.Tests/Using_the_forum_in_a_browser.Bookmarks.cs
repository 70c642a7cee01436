using System.Net.Http.Json;
using Forum.Testing;
using Microsoft.Playwright;

namespace Forum.Browser.Tests;

/// <summary>Bookmarks in the pages: on a post and a comment, with a note, and the member's list.</summary>
public sealed partial class Using_the_forum_in_a_browser
{
    [Fact]
    public async Task A_member_bookmarks_a_post_with_a_note_and_a_comment_finds_them_in_their_list_and_a_deleted_post_shows_as_gone()
    {
        using var author = await forum.SignUpAsync("tác_giả_lưu_trang");
        var post = await PublishAsync(author, "doi-song", "Chợ Hàn ở Sài Gòn 한인 시장", "Địa chỉ: " + LongUrl);
        var comment = await CommentAsync(author, post, "Mở cửa từ 7 giờ sáng.");
        const string name = "bạn_đọc_lưu_trang";
        (await forum.SignUpAsync(name)).Dispose();
        var phone = await forum.NewPageAsync(width: 390);
        await phone.SetViewportSizeAsync(390, 844);
        await SignInAsync(phone, name);
        await Eventually.ValueAsync(async () =>
        {
            await phone.GotoAsync($"/posts/{post}");
            return await phone.Locator($"#c-{comment}").CountAsync();
        }, count => count == 1, what: "the post with its comment");

        var actions = phone.Locator("article.post .actions");
        await actions.Locator("summary", new() { HasText = "Đánh dấu" }).ClickAsync();
        await actions.GetByLabel("Ghi chú").FillAsync("Đi chợ cuối tuần 주말 — " + LongUrl);
        await actions.GetByRole(AriaRole.Button, new() { Name = "Lưu đánh dấu" }).ClickAsync();
        await Assertions.Expect(actions.GetByRole(AriaRole.Button, new() { Name = "Đã đánh dấu — bỏ" })).ToHaveAttributeAsync("aria-pressed", "true");

        var thread = phone.Locator($"#c-{comment}");
        await thread.Locator("summary", new() { HasText = "Đánh dấu" }).ClickAsync();
        await thread.GetByRole(AriaRole.Button, new() { Name = "Lưu đánh dấu" }).ClickAsync();
        await Assertions.Expect(phone.Locator($"#c-{comment}").GetByRole(AriaRole.Button, new() { Name = "Đã đánh dấu — bỏ" })).ToBeVisibleAsync();

        await phone.GetByRole(AriaRole.Link, new() { Name = "Đánh dấu của tôi" }).ClickAsync();
        var items = phone.Locator("li.bookmark");
        await Assertions.Expect(items).ToHaveCountAsync(2);
        await Assertions.Expect(items.First).ToContainTextAsync("Mở cửa từ 7 giờ sáng.");
        await Assertions.Expect(items.Last.Locator("a")).ToHaveTextAsync("Chợ Hàn ở Sài Gòn 한인 시장");
        await Assertions.Expect(items.Last.Locator(".note")).ToContainTextAsync("Đi chợ cuối tuần 주말");
        await AssertNoWiderThanTheWindowAsync(phone);

        (await author.DeleteAsync($"/api/posts/{post}")).EnsureSuccessStatusCode();
        await Eventually.ValueAsync(async () =>
        {
            await phone.ReloadAsync();
            return await phone.Locator("li.bookmark.gone").CountAsync();
        }, gone => gone == 2, what: "both bookmarks shown as gone");
        await Assertions.Expect(items.Last.Locator(".gone-notice")).ToHaveTextAsync("Nội dung này đã bị xoá hoặc ẩn.");
        await Assertions.Expect(items.Last.Locator(".note")).ToContainTextAsync("Đi chợ cuối tuần 주말");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "bookmarks-390.png"), FullPage = true });

        await items.First.GetByRole(AriaRole.Button, new() { Name = "Bỏ đánh dấu" }).ClickAsync();
        await Assertions.Expect(items).ToHaveCountAsync(1);
    }
}
