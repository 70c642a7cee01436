using System.Net;
using Forum.Gateway.Tests.Accounts;
using Forum.Testing;

namespace Forum.Gateway.Tests.Web;

/// <summary>
/// The notifications service is away (nothing listens where the gateway looks for it): a
/// member's pages still render, the bell without a count, and the notifications page says it
/// cannot load them instead of failing.
/// </summary>
[Collection(nameof(GatewayCollection))]
public sealed class Rendering_pages_without_the_notifications_service(GatewayFixture gateway)
{
    [Fact]
    public async Task The_home_page_shows_the_bell_without_a_count_and_the_notifications_page_answers_503()
    {
        Assert.Equal(HttpStatusCode.Created, (await gateway.RegisterAsync("không_chuông")).StatusCode);
        using var browser = gateway.CreateClient();
        var signIn = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "không_chuông",
            ["Password"] = GatewayFixture.Password,
            ["__RequestVerificationToken"] = WebFormTokens.OfForm(await browser.GetStringAsync("/account/sign-in")),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var home = await browser.GetAsync("/");
        var html = await home.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("class=\"bell\" href=\"/notifications\" aria-label=\"Thông báo\"", html);
        Assert.DoesNotContain("bell-count", html);

        var notifications = await browser.GetAsync("/notifications");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notifications.StatusCode);
        Assert.Contains("Lúc này chưa tải được thông báo", await notifications.Content.ReadAsStringAsync());

        var markAll = await browser.PostAsync("/notifications?handler=ReadAll", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebFormTokens.OfForm(html),
        }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, markAll.StatusCode);
        Assert.Contains("Chưa đánh dấu được là đã đọc", await markAll.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_reader_who_is_not_signed_in_sees_no_bell_and_is_sent_to_sign_in_for_the_notifications_page()
    {
        using var reader = gateway.CreateClient();

        Assert.DoesNotContain("class=\"bell\"", await reader.GetStringAsync("/"));
        var notifications = await reader.GetAsync("/notifications");
        Assert.Equal(HttpStatusCode.Redirect, notifications.StatusCode);
        Assert.StartsWith("/account/sign-in", notifications.Headers.Location!.IsAbsoluteUri ? notifications.Headers.Location.PathAndQuery : notifications.Headers.Location.OriginalString);
        Assert.Contains("notifications", notifications.Headers.Location.OriginalString);
    }
}
