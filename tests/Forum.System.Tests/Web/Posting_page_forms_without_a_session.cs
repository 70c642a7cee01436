using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Web;

/// <summary>The post page's forms act only as a signed-in user: without a session they change nothing.</summary>
[Collection(SharedForum.Name)]
public sealed class Posting_page_forms_without_a_session(ForumSystem forum)
{
    [Fact]
    public async Task A_comment_form_posted_without_a_session_is_sent_to_sign_in_and_adds_nothing()
    {
        using var author = await forum.SignUpAsync("chủ_bài");
        var created = await author.PostAsJsonAsync("/api/posts", new { board = "tin-tuc", title = "Không phiên", body = "x" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = forum.Gateway.BaseAddress };
        await Eventually.ValueAsync(() => browser.GetAsync($"/posts/{id}"), r => r.StatusCode == HttpStatusCode.OK);
        // A valid antiforgery token of this browser, from a form it was shown: only the session is missing.
        var token = WebFormTokens.OfForm(await browser.GetStringAsync("/account/sign-in"));
        Assert.NotEmpty(token);

        var response = await browser.PostAsync($"/posts/{id}?handler=Comment", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["body"] = "Bình luận lậu",
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.OriginalString);
        await Task.Delay(300);
        var comments = await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{id}/comments");
        Assert.Equal(0, comments.GetProperty("total").GetInt32());
    }

}
