using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Security;

/// <summary>
/// The web UI's session: a form sign-in gives an HttpOnly, SameSite=Lax cookie, and calls made
/// with it reach the services as the user, but only with the page's antiforgery token.
/// </summary>
[Collection(SharedForum.Name)]
public sealed class Signing_in_on_the_web(ForumSystem forum)
{
    private HttpClient Browser(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = forum.Gateway.BaseAddress };

    private static async Task<string> FormTokenAsync(HttpClient browser, string page) =>
        WebFormTokens.OfForm(await browser.GetStringAsync(page));

    private static async Task<HttpResponseMessage> SignInWithTheFormAsync(HttpClient browser, string userName) =>
        await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = "mật-khẩu-đủ-dài",
            ["__RequestVerificationToken"] = await FormTokenAsync(browser, "/account/sign-in"),
        }));

    private static async Task<string> PageCsrfTokenAsync(HttpClient browser) =>
        WebFormTokens.OfPage(await browser.GetStringAsync("/"));

    [Fact]
    public async Task A_form_sign_in_starts_an_HttpOnly_SameSite_Lax_session_that_publishes_as_the_user_with_the_page_token_only()
    {
        (await forum.SignUpAsync("trình_duyệt")).Dispose();
        await forum.CreateBoardAsync("phien");
        var cookies = new CookieContainer();
        using var browser = Browser(cookies);

        var signIn = await SignInWithTheFormAsync(browser, "trình_duyệt");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var session = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("forum.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        // Plain HTTP (the local run): a Secure cookie would never come back.
        Assert.DoesNotContain("; secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("trình_duyệt", await browser.GetStringAsync("/"));

        var post = new { board = "phien", title = "Viết từ trình duyệt", body = "Xin chào" };
        var withoutToken = await browser.PostAsJsonAsync("/api/posts", post);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/posts") { Content = JsonContent.Create(post) };
        request.Headers.Add("X-CSRF-TOKEN", await PageCsrfTokenAsync(browser));
        var withToken = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, withToken.StatusCode);

        var id = (await withToken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var published = await Eventually.ValueAsync(
            () => forum.Client.GetAsync($"/api/posts/{id}"), r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal("trình_duyệt", (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("author").GetString());
        var listing = await forum.Client.GetFromJsonAsync<JsonElement>("/api/boards/phien/posts");
        Assert.Equal(1, listing.GetProperty("totalPosts").GetInt32());
    }

    [Fact]
    public async Task Behind_the_proxy_that_ends_TLS_the_session_cookie_is_Secure()
    {
        (await forum.SignUpAsync("sau_cổng_https")).Dispose();
        using var browser = Browser(new CookieContainer());
        // What the ingress in front of the gateway adds to a request that reached it over HTTPS.
        browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.60");

        var signIn = await SignInWithTheFormAsync(browser, "sau_cổng_https");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var session = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("forum.session=", StringComparison.Ordinal));
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_wrong_password_on_the_form_starts_no_session()
    {
        var cookies = new CookieContainer();
        using var browser = Browser(cookies);

        var signIn = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = ForumSystem.AdminName,
            ["Password"] = "không-phải-mật-khẩu",
            ["__RequestVerificationToken"] = await FormTokenAsync(browser, "/account/sign-in"),
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Name == "forum.session");
    }

    [Fact]
    public async Task A_form_posted_without_the_antiforgery_token_is_refused()
    {
        using var browser = Browser(new CookieContainer());

        var signIn = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = ForumSystem.AdminName,
            ["Password"] = "mật-khẩu-đủ-dài",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
    }


}
