using System.Globalization;
using System.Net;
using Forum.Gateway.Accounts.Mail;

namespace Forum.Gateway.Accounts.Recovery;

/// <summary>The mails of account recovery, in Vietnamese or English (the language of the page or request that asked).</summary>
public static class RecoveryMail
{
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static OutgoingMail Verify(string to, string userName, string link, DateTimeOffset now) => English
        ? Make("verify-email", to, now, "Confirm your e-mail address",
            $"Hello {userName},", "Open this link to confirm this address for your forum account:", link, "The link works once, for 48 hours. If you did not ask for it, ignore this mail.")
        : Make("verify-email", to, now, "Xác nhận địa chỉ e-mail của bạn",
            $"Chào {userName},", "Hãy mở liên kết sau để xác nhận địa chỉ này cho tài khoản diễn đàn của bạn:", link, "Liên kết dùng được một lần, trong 48 giờ. Nếu bạn không yêu cầu, hãy bỏ qua thư này.");

    public static OutgoingMail Reset(string to, string userName, string link, DateTimeOffset now) => English
        ? Make("reset-password", to, now, "Reset your password",
            $"Hello {userName},", "Someone (we hope you) asked to reset the password of your forum account. Open this link to choose a new one:", link,
            "The link works once, for 30 minutes. If you did not ask for it, ignore this mail: your password stays as it is.")
        : Make("reset-password", to, now, "Đặt lại mật khẩu",
            $"Chào {userName},", "Có người (hy vọng là bạn) yêu cầu đặt lại mật khẩu tài khoản diễn đàn của bạn. Hãy mở liên kết sau để chọn mật khẩu mới:", link,
            "Liên kết dùng được một lần, trong 30 phút. Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu của bạn vẫn giữ nguyên.");

    public static OutgoingMail PasswordChanged(string to, string userName, DateTimeOffset now) => English
        ? Make("password-changed", to, now, "Your password was changed",
            $"Hello {userName},", "The password of your forum account was just changed, and every session signed in before was signed out.", null,
            "If it was not you, reset your password at once from the sign-in page.")
        : Make("password-changed", to, now, "Mật khẩu của bạn vừa được đổi",
            $"Chào {userName},", "Mật khẩu tài khoản diễn đàn của bạn vừa được đổi, và mọi phiên đăng nhập trước đó đã bị đăng xuất.", null,
            "Nếu không phải bạn, hãy đặt lại mật khẩu ngay từ trang đăng nhập.");

    private static OutgoingMail Make(string kind, string to, DateTimeOffset now, string subject, string greeting, string lead, string? link, string footer)
    {
        var e = (string text) => WebUtility.HtmlEncode(text);
        var text = $"{greeting}\n\n{lead}\n{(link is null ? "" : link + "\n")}\n{footer}\n";
        var html = $"<p>{e(greeting)}</p><p>{e(lead)}</p>{(link is null ? "" : $"<p><a href=\"{e(link)}\">{e(link)}</a></p>")}<p>{e(footer)}</p>";
        return new OutgoingMail { Id = Guid.CreateVersion7(), Kind = kind, To = to, Subject = subject, Text = text, Html = html, QueuedAt = now, NextAttemptAt = now };
    }
}
