using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Forum.Browser.Tests;

/// <summary>A member leaves from their settings page, with their password; their post stays, credited to a former member.</summary>
public sealed partial class Using_the_forum_in_a_browser
{
    [Fact]
    public async Task A_member_leaves_with_their_password_and_their_post_is_then_credited_to_a_former_member()
    {
        const string name = "hằng_sẽ_rời_đi";
        const string title = "Bài còn lại sau khi rời đi 떠난 뒤에 — 𝐋𝐄𝐀𝐕𝐈𝐍𝐆";
        Guid post;
        using (var member = await forum.SignUpAsync(name))
        {
            post = await PublishAsync(member, "doi-song", title);
        }
        var phone = await forum.NewPageAsync(width: 390);
        await SignInAsync(phone, name);
        await phone.GetByRole(AriaRole.Link, new() { Name = "Cài đặt" }).ClickAsync();

        // A wrong password is answered beside its field and changes nothing.
        var password = phone.GetByLabel("Mật khẩu của bạn, để xác nhận");
        await password.FillAsync("không-phải-mật-khẩu");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Xoá tài khoản của tôi" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#leave-error")).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByLabel("Mật khẩu của bạn, để xác nhận")).ToHaveAttributeAsync("aria-invalid", "true");
        await AssertNoWiderThanTheWindowAsync(phone);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "leaving-390.png"), FullPage = true });

        await phone.GetByLabel("Mật khẩu của bạn, để xác nhận").FillAsync("mật-khẩu-đủ-dài");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Xoá tài khoản của tôi" }).ClickAsync();
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Tài khoản của bạn đã bị xoá");
        // Signed out: the header offers to sign in again.
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Cài đặt" })).ToHaveCountAsync(0);

        // Their post stays, by a former member with no page to visit.
        await phone.SetViewportSizeAsync(1366, 900);
        await phone.GotoAsync($"/posts/{post}");
        await Assertions.Expect(phone.Locator("h1")).ToContainTextAsync("Bài còn lại sau khi rời đi");
        await Assertions.Expect(phone.Locator(".meta .former-member").First).ToHaveTextAsync("thành viên đã rời đi");
        Assert.Equal(0, await phone.Locator($"a[href*='{Uri.EscapeDataString(name)}']").CountAsync());
        Assert.DoesNotContain(name, await phone.ContentAsync());
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "left-post-1366.png"), FullPage = true });
        var signIn = await forum.Client.PostAsJsonAsync("/api/accounts/token", new { userName = name, password = "mật-khẩu-đủ-dài" });
        Assert.False(signIn.IsSuccessStatusCode, $"signing in as the member who left: {(int)signIn.StatusCode}");
    }
}
