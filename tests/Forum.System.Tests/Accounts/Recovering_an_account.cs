using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Accounts;

/// <summary>A forum whose reset links expire within a second, so a test can use one too late.</summary>
public sealed class ForumWithShortLinks : ForumWithMail
{
    protected override IReadOnlyDictionary<string, string> GatewaySettings => new Dictionary<string, string>(base.GatewaySettings)
    {
        ["Forum__Accounts__ResetLinkLifetime"] = "00:00:01",
    };
}

/// <summary>
/// E-mail addresses and passwords against a real SMTP server: an address is verified by the link
/// mailed to it; a forgotten password is reset by a single-use link that ends every session; the
/// answer to a reset request never tells whether an account or address exists; bad input changes nothing.
/// </summary>
public sealed class Recovering_an_account(ForumWithMail forum) : IClassFixture<ForumWithMail>
{
    private const string Password = "mật-khẩu-đủ-dài";

    private static async Task<JsonElement> MeAsync(HttpClient member) => await member.GetFromJsonAsync<JsonElement>("/api/accounts/me");

    /// <summary>A member whose address is verified, the way a person does it: give it, open the mail, use the link.</summary>
    private async Task<HttpClient> MemberWithAddressAsync(string userName, string email)
    {
        var member = await forum.SignUpAsync(userName);
        Assert.Equal(HttpStatusCode.Accepted, (await member.PutAsJsonAsync("/api/accounts/me/email", new { email })).StatusCode);
        var mail = await forum.Mail.WaitForAsync(email);
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Anonymous().PostAsJsonAsync("/api/accounts/email/verify", new { token = TokenOf(mail.LinkTo("/account/verify-email")) })).StatusCode);
        return member;
    }

    private static string TokenOf(string link) => link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];

    private async Task<HttpStatusCode> SignInAsync(string userName, string password) =>
        (await forum.Anonymous().PostAsJsonAsync("/api/accounts/token", new { userName, password })).StatusCode;

    [Fact]
    public async Task An_address_is_verified_by_the_link_mailed_to_it_in_the_member_s_language_and_the_link_works_once()
    {
        using var member = await forum.SignUpAsync("người_có_thư");
        const string email = "nguyen.thi.ha+dien-dan@example.vn";
        var given = await member.PutAsJsonAsync("/api/accounts/me/email", new { email = "  " + email + "  " });
        Assert.Equal(HttpStatusCode.Accepted, given.StatusCode);
        var me = await MeAsync(member);
        Assert.Equal((email, false), (me.GetProperty("email").GetString(), me.GetProperty("emailVerified").GetBoolean()));

        var mail = await forum.Mail.WaitForAsync(email);
        Assert.Equal("Xác nhận địa chỉ e-mail của bạn", mail.Subject);
        Assert.Contains("Chào người_có_thư,", mail.Text);
        Assert.Contains("48 giờ", mail.Text);
        var link = mail.LinkTo("/account/verify-email");
        Assert.Contains(ForumSystem.PublicUrl + link, mail.Text!);

        Assert.Equal(HttpStatusCode.BadRequest, (await forum.Anonymous().PostAsJsonAsync("/api/accounts/email/verify", new { token = new string('A', 43) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await forum.Anonymous().PostAsJsonAsync("/api/accounts/email/verify", new { token = "không-phải-mã" })).StatusCode);
        Assert.False((await MeAsync(member)).GetProperty("emailVerified").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await forum.Anonymous().PostAsJsonAsync("/api/accounts/email/verify", new { token = TokenOf(link) })).StatusCode);
        Assert.True((await MeAsync(member)).GetProperty("emailVerified").GetBoolean());
        var again = await forum.Anonymous().PostAsJsonAsync("/api/accounts/email/verify", new { token = TokenOf(link) });
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);

        // Asked in English, the mail is in English.
        using var english = await forum.SignUpAsync("member_in_english");
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        await english.PutAsJsonAsync("/api/accounts/me/email", new { email = "reader@example.org" });
        var englishMail = await forum.Mail.WaitForAsync("reader@example.org");
        Assert.Equal("Confirm your e-mail address", englishMail.Subject);
        Assert.Contains("48 hours", englishMail.Text);
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_by_a_single_use_link_that_ends_every_session_of_the_account()
    {
        const string name = "Trần_Quên_Mật_Khẩu";
        const string email = "tran.quen@example.vn";
        using var tokenBefore = await MemberWithAddressAsync(name, email);
        using var session = await forum.SignInOnTheWebAsync(name, Password);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/accounts/me")).StatusCode);
        // A like of a post nobody wrote: 404 for a member the engagement service accepts, 401 for a refused token; it changes nothing.
        var nowhere = $"/api/posts/{Guid.NewGuid()}/like";
        Assert.Equal(HttpStatusCode.NotFound, (await tokenBefore.PutAsync(nowhere, null)).StatusCode);

        // Asked twice, by name (in another case) and by address: two links, each mailed.
        Assert.Equal(HttpStatusCode.Accepted, (await forum.Anonymous().PostAsJsonAsync("/api/accounts/password-reset", new { login = "trần_quên_mật_khẩu" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await forum.Anonymous().PostAsJsonAsync("/api/accounts/password-reset", new { login = "TRAN.QUEN@example.vn".ToLowerInvariant() })).StatusCode);
        var first = await forum.Mail.WaitForAsync(email, 1, "Đặt lại mật khẩu");
        var second = await forum.Mail.WaitForAsync(email, 2, "Đặt lại mật khẩu");
        Assert.Contains("30 phút", first.Text);
        var token = TokenOf(first.LinkTo("/account/reset-password"));

        // A weak password is refused before the link is used: it still works afterwards.
        var weak = await forum.Anonymous().PostAsJsonAsync("/api/accounts/password-reset/complete", new { token, newPassword = "ngắn" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.True((await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("newPassword", out _));

        const string newPassword = "mật-khẩu-mới-dài-hơn-🔑";
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Anonymous().PostAsJsonAsync("/api/accounts/password-reset/complete", new { token, newPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(name, Password));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(name, newPassword));
        // The session signed in before the reset is over, on the page and the API alike; so is
        // the token issued before it, at the gateway at once and in the services as they hear of it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/accounts/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await tokenBefore.GetAsync("/api/accounts/me")).StatusCode);
        await Eventually.ValueAsync(async () => (await tokenBefore.PutAsync(nowhere, null)).StatusCode, status => status == HttpStatusCode.Unauthorized,
            what: "the engagement service to refuse the token issued before the reset");
        using var tokenAfter = await forum.SignInAsync(name, newPassword);
        Assert.Equal(HttpStatusCode.OK, (await tokenAfter.GetAsync("/api/accounts/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tokenAfter.PutAsync(nowhere, null)).StatusCode);

        // Used once: gone. The other link of the same account is used up with it.
        Assert.Equal(HttpStatusCode.Gone, (await forum.Anonymous().PostAsJsonAsync("/api/accounts/password-reset/complete", new { token, newPassword = "lại-một-mật-khẩu-khác" })).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await forum.Anonymous().PostAsJsonAsync("/api/accounts/password-reset/complete",
            new { token = TokenOf(second.LinkTo("/account/reset-password")), newPassword = "lại-một-mật-khẩu-khác" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(name, newPassword));
    }

    [Fact]
    public async Task Asking_for_a_reset_answers_the_same_for_every_name_and_address_and_mails_only_a_verified_one()
    {
        using var unverified = await forum.SignUpAsync("chưa_xác_nhận");
        await unverified.PutAsJsonAsync("/api/accounts/me/email", new { email = "chua.xac.nhan@example.vn" });
        await forum.Mail.WaitForAsync("chua.xac.nhan@example.vn");
        (await MemberWithAddressAsync("đã_xác_nhận", "da.xac.nhan@example.vn")).Dispose();
        (await forum.SignUpAsync("không_có_thư")).Dispose();

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var login in new[] { "không_ai_cả", "ai.do@example.vn", "không_có_thư", "chưa_xác_nhận", "chua.xac.nhan@example.vn", "đã_xác_nhận" })
        {
            var answer = await forum.Anonymous().PostAsJsonAsync("/api/accounts/password-reset", new { login });
            answers.Add((answer.StatusCode, await answer.Content.ReadAsStringAsync()));
        }
        Assert.Single(answers.Distinct());
        Assert.Equal(HttpStatusCode.Accepted, answers[0].Item1);

        // Mail goes out in the order it was asked for: once the verified member's reset arrived,
        // a reset to the unverified address would have too. Only its verification mail is there.
        await forum.Mail.WaitForAsync("da.xac.nhan@example.vn", 1, "Đặt lại mật khẩu");
        Assert.Equal(["Xác nhận địa chỉ e-mail của bạn"], (await forum.Mail.ToAsync("chua.xac.nhan@example.vn")).Select(m => m.Subject));
        Assert.Empty(await forum.Mail.ToAsync("ai.do@example.vn"));
    }

    [Fact]
    public async Task A_password_is_changed_with_the_current_one_which_ends_other_sessions_and_tells_the_member_by_mail()
    {
        const string name = "đổi_mật_khẩu";
        using var member = await MemberWithAddressAsync(name, "doi.mat.khau@example.vn");
        using var session = await forum.SignInOnTheWebAsync(name, Password);

        var wrong = await member.PutAsJsonAsync("/api/accounts/me/password", new { currentPassword = "không-đúng-mật-khẩu", newPassword = "mật-khẩu-mới-rất-dài" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("currentPassword", out _));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(name, Password));
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/accounts/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await member.PutAsJsonAsync("/api/accounts/me/password", new { currentPassword = Password, newPassword = "mật-khẩu-mới-rất-dài" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(name, "mật-khẩu-mới-rất-dài"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/accounts/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.GetAsync("/api/accounts/me")).StatusCode);
        var notice = await forum.Mail.WaitForAsync("doi.mat.khau@example.vn", 1, "Mật khẩu của bạn vừa được đổi");
        Assert.Contains("đổi_mật_khẩu", notice.Text);
    }

    [Fact]
    public async Task Bad_addresses_are_refused_with_a_problem_and_change_nothing()
    {
        using var member = await MemberWithAddressAsync("địa_chỉ_cũ", "dia.chi.cu@example.vn");
        foreach (var email in new[] { "", "không có a còng", "hai@@example.vn", "Tên <ten@example.vn>", "a@b.vn, c@d.vn", "ten@example", "ten@.vn", "ten@example.vn\r\nBcc: x@y.vn",
                     new string('a', 250) + "@example.vn", "ten@ví-dụ..vn" })
        {
            var refused = await member.PutAsJsonAsync("/api/accounts/me/email", new { email });
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{email}: {refused.StatusCode}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        var me = await MeAsync(member);
        Assert.Equal(("dia.chi.cu@example.vn", true), (me.GetProperty("email").GetString(), me.GetProperty("emailVerified").GetBoolean()));
        Assert.Equal(HttpStatusCode.BadRequest, (await forum.Anonymous().PostAsJsonAsync("/api/accounts/password-reset", new { login = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forum.Anonymous().PutAsJsonAsync("/api/accounts/me/email", new { email = "ai@example.vn" })).StatusCode);
    }
}

/// <summary>A reset link used after it expired is gone, and the password stays.</summary>
public sealed class Using_an_expired_reset_link(ForumWithShortLinks forum) : IClassFixture<ForumWithShortLinks>
{
    [Fact]
    public async Task A_link_used_after_its_lifetime_answers_410_and_changes_nothing()
    {
        using var member = await forum.SignUpAsync("người_chậm_tay");
        await member.PutAsJsonAsync("/api/accounts/me/email", new { email = "cham.tay@example.vn" });
        var verification = await forum.Mail.WaitForAsync("cham.tay@example.vn");
        var verifyLink = verification.LinkTo("/account/verify-email");
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Anonymous().PostAsJsonAsync("/api/accounts/email/verify", new { token = verifyLink[(verifyLink.IndexOf('=') + 1)..] })).StatusCode);

        await forum.Anonymous().PostAsJsonAsync("/api/accounts/password-reset", new { login = "người_chậm_tay" });
        var mail = await forum.Mail.WaitForAsync("cham.tay@example.vn", 1, "Đặt lại mật khẩu");
        var link = mail.LinkTo("/account/reset-password");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the link lives one second here

        var late = await forum.Anonymous().PostAsJsonAsync("/api/accounts/password-reset/complete", new { token = link[(link.IndexOf('=') + 1)..], newPassword = "mật-khẩu-quá-muộn" });
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await forum.Anonymous().PostAsJsonAsync("/api/accounts/token", new { userName = "người_chậm_tay", password = "mật-khẩu-đủ-dài" })).StatusCode);
    }
}
