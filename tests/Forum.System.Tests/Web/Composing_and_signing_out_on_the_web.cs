using System.Net;
using Forum.Testing;

namespace Forum.System.Tests.Web;

/// <summary>
/// The web forms of a member, without JavaScript: the composer previews Markdown as the post
/// will show it (sanitized), and signing out ends the session so members' pages ask to sign in again.
/// </summary>
[Collection(SharedForum.Name)]
public sealed class Composing_and_signing_out_on_the_web(ForumSystem forum)
{
    [Fact]
    public async Task The_composer_previews_markdown_safely_and_after_signing_out_it_asks_to_sign_in()
    {
        (await forum.SignUpAsync("người_soạn")).Dispose();
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = forum.Gateway.BaseAddress };
        var signIn = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "người_soạn",
            ["Password"] = "mật-khẩu-đủ-dài",
            ["__RequestVerificationToken"] = await FormTokenAsync(browser, "/account/sign-in"),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var compose = await browser.GetAsync("/compose");
        Assert.Equal(HttpStatusCode.OK, compose.StatusCode);
        var preview = await browser.PostAsync("/compose?handler=Preview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Board"] = "tin-tuc",
            ["Title"] = "Xem trước",
            ["Body"] = "Xin **chào** _Việt Nam_ và 한국\n\n<script>alert('x')</script>",
            ["__RequestVerificationToken"] = WebFormTokens.OfForm(await compose.Content.ReadAsStringAsync()),
        }));
        var previewed = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("<strong>chào</strong>", previewed);
        Assert.Contains("<em>Việt Nam</em>", previewed);
        Assert.Contains("한국", previewed);
        Assert.DoesNotContain("<script>alert", previewed);
        // The text typed stays in the form, to be published or edited further.
        Assert.Contains("Xem trước", previewed);

        var home = await browser.GetStringAsync("/");
        Assert.Contains("/account/sign-out", home);
        var signOut = await browser.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebFormTokens.OfForm(home),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        Assert.DoesNotContain("/account/sign-out", await browser.GetStringAsync("/"));
        var composeAgain = await browser.GetAsync("/compose");
        Assert.Equal(HttpStatusCode.Redirect, composeAgain.StatusCode);
        Assert.StartsWith("/account/sign-in", composeAgain.Headers.Location!.PathAndQuery.Length > 0 && composeAgain.Headers.Location.IsAbsoluteUri
            ? composeAgain.Headers.Location.PathAndQuery : composeAgain.Headers.Location.OriginalString);
    }

    private static async Task<string> FormTokenAsync(HttpClient browser, string path) =>
        WebFormTokens.OfForm(await browser.GetStringAsync(path));

}
