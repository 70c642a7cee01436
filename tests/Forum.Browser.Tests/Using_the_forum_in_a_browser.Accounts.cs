using System.Net.Http.Json;
using Forum.Testing;
using Microsoft.Playwright;

namespace Forum.Browser.Tests;

/// <summary>Recovering an account, in a real browser: the mail is read from the real mail server.</summary>
public sealed partial class Using_the_forum_in_a_browser
{
    [Fact]
    public async Task A_member_who_forgot_the_password_resets_it_from_the_mailed_link_on_a_phone_and_the_link_works_once()
    {
        const string name = "Lê_Quên_Mật_Khẩu";
        const string email = "le.quen.mat.khau@example.vn";
        using (var member = await forum.SignUpAsync(name))
        {
            await member.PutAsJsonAsync("/api/accounts/me/email", new { email });
            var verification = await forum.Mail.WaitForAsync(email);
            var page = await forum.NewPageAsync(width: 390);
            await page.GotoAsync(verification.LinkTo("/account/verify-email"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận địa chỉ này" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã xác nhận địa chỉ e-mail. Cảm ơn bạn!");
        }

        var phone = await forum.NewPageAsync(width: 390);
        await phone.GotoAsync("/account/sign-in");
        await phone.GetByRole(AriaRole.Link, new() { Name = "Quên mật khẩu?" }).ClickAsync();
        await phone.GetByLabel("Tên người dùng hoặc e-mail").FillAsync(email);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Gửi liên kết" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("30 phút");

        var mail = await forum.Mail.WaitForAsync(email, 1, "Đặt lại mật khẩu");
        Assert.Contains("Chào Lê_Quên_Mật_Khẩu,", mail.Text);
        var link = mail.LinkTo("/account/reset-password");
        await phone.GotoAsync(link);
        // Too short first: said beside the field, the link still good.
        await phone.GetByLabel("Mật khẩu mới").FillAsync("ngắn-quá");
        await phone.Locator("#new-password").EvaluateAsync("field => field.removeAttribute('minlength')");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Đặt mật khẩu mới" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#reset-error")).ToHaveTextAsync("Mật khẩu cần ít nhất 10 ký tự.");
        await Assertions.Expect(phone.Locator("#new-password")).ToHaveAttributeAsync("aria-invalid", "true");

        await phone.GetByLabel("Mật khẩu mới").FillAsync("mật-khẩu-mới-của-tôi-🌸");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Đặt mật khẩu mới" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã đặt mật khẩu mới.");
        await AssertNoWiderThanTheWindowAsync(phone);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "reset-password-390.png"), FullPage = true });

        // The new password signs in; the link, used once, is gone.
        await phone.GetByRole(AriaRole.Link, new() { Name = "Đăng nhập" }).Last.ClickAsync();
        await phone.GetByLabel("Tên người dùng").FillAsync(name);
        await phone.GetByLabel("Mật khẩu").FillAsync("mật-khẩu-mới-của-tôi-🌸");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Assertions.Expect(phone.Locator("a.who")).ToHaveTextAsync(name);

        var desktop = await forum.NewPageAsync(width: 1366);
        await desktop.GotoAsync(link);
        await desktop.GetByLabel("Mật khẩu mới").FillAsync("lại-đổi-mật-khẩu-nữa");
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Đặt mật khẩu mới" }).ClickAsync();
        await Assertions.Expect(desktop.Locator("#reset-error")).ToContainTextAsync("đã được dùng hoặc đã hết hạn");
        await AssertNoWiderThanTheWindowAsync(desktop);
        await desktop.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "reset-link-used-1366.png"), FullPage = true });
    }
}
