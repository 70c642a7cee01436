using Forum.Testing;
using Microsoft.Playwright;

namespace Forum.Browser.Tests;

/// <summary>A member shapes their profile in the browser: the picture, the display name, the bio.</summary>
public sealed partial class Using_the_forum_in_a_browser
{
    [Fact]
    public async Task A_member_gives_a_picture_a_display_name_and_a_bio_and_sees_them_round_on_their_page_and_beside_their_posts()
    {
        const string name = "trang_có_ảnh";
        using (var member = await forum.SignUpAsync(name))
        {
            await PublishAsync(member, "doi-song", "Ảnh đại diện mới 새 프로필 — " + LongUrl);
        }
        var phone = await forum.NewPageAsync(width: 390);
        await SignInAsync(phone, name);
        await phone.GetByRole(AriaRole.Link, new() { Name = "Cài đặt" }).ClickAsync();
        await phone.GetByLabel("Tên hiển thị").FillAsync("Trần Thị Trang 트랑 𝐓𝐫𝐚𝐧𝐠");
        await phone.GetByLabel("Giới thiệu (Markdown)").FillAsync("Thích **nấu ăn** và đọc sách 책.\n\nXem " + LongUrl);
        await phone.GetByLabel("Ảnh đại diện").SetInputFilesAsync(new FilePayload { Name = "chân-dung.png", MimeType = "image/png", Buffer = SampleImages.Png });
        await phone.GetByRole(AriaRole.Button, new() { Name = "Lưu hồ sơ" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã lưu hồ sơ.");

        await phone.GetByRole(AriaRole.Link, new() { Name = "Xem trang của tôi" }).ClickAsync();
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Trần Thị Trang 트랑 𝐓𝐫𝐚𝐧𝐠");
        var picture = phone.GetByRole(AriaRole.Img, new() { Name = $"Ảnh của {name}" });
        await Assertions.Expect(picture).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/upload/[0-9a-f]{64}\\.webp$"));
        Assert.True(await picture.EvaluateAsync<bool>("image => image.complete && image.naturalWidth > 0"), "the picture loads");
        Assert.Equal("50%", await picture.EvaluateAsync<string>("image => getComputedStyle(image).borderTopLeftRadius"));
        await Assertions.Expect(phone.Locator(".bio strong")).ToHaveTextAsync("nấu ăn");
        await Assertions.Expect(phone.Locator(".profile-counts")).ToContainTextAsync("Bài viết");
        await AssertNoWiderThanTheWindowAsync(phone);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "profile-390.png"), FullPage = true });

        // Beside the member's post in its board, the picture replaces the coloured initial.
        await phone.GotoAsync("/boards/doi-song");
        var row = phone.Locator("tr", new() { HasText = "Ảnh đại diện mới" });
        await Assertions.Expect(row.Locator("img.avatar")).ToHaveCountAsync(1);
        await phone.SetViewportSizeAsync(1366, 900);
        await phone.GotoAsync($"/users/{Uri.EscapeDataString(name)}");
        await AssertNoWiderThanTheWindowAsync(phone);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "profile-1366.png"), FullPage = true });
    }
}
