using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Web;

/// <summary>
/// Board pages are kept for a moment and served again to readers who are not signed in: a kept
/// page must be in the reader's language, carry nobody's cookie or token, never be shown to a
/// signed-in member, and give way to what was published since.
/// </summary>
[Collection(SharedForum.Name)]
public sealed class Keeping_pages_for_readers(ForumSystem forum)
{
    private const string Board = "giu-trang";

    private static HttpRequestMessage Get(string path, string language) =>
        new(HttpMethod.Get, path) { Headers = { { "Accept-Language", language } } };

    [Fact]
    public async Task A_board_page_is_kept_for_anonymous_readers_in_their_language_without_cookies()
    {
        await forum.CreateBoardAsync(Board, "Giữ trang");
        using var reader = forum.Anonymous();
        await Eventually.ValueAsync(() => reader.SendAsync(Get($"/boards/{Board}", "en")), r => r.StatusCode == HttpStatusCode.OK);

        // Asked twice at once, the second answer is the kept copy (it has an Age).
        HttpResponseMessage? kept = null;
        for (var attempt = 0; attempt < 20 && kept is null; attempt++)
        {
            using var first = await reader.SendAsync(Get($"/boards/{Board}", "en"));
            var second = await reader.SendAsync(Get($"/boards/{Board}", "en"));
            kept = second.Headers.Age is not null ? second : null;
        }
        Assert.NotNull(kept);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.False(kept.Headers.Contains("Set-Cookie"), "A kept page must carry no cookie.");
        var english = await kept.Content.ReadAsStringAsync();
        Assert.Contains("Sign in", english);
        Assert.DoesNotContain("csrf-token", english);

        // Right after, a Vietnamese reader gets the Vietnamese page, not the kept English one.
        var vietnamese = await (await reader.SendAsync(Get($"/boards/{Board}", "vi"))).Content.ReadAsStringAsync();
        Assert.Contains("Đăng nhập", vietnamese);
        Assert.DoesNotContain("Sign in", vietnamese);
    }

    [Fact]
    public async Task A_signed_in_member_never_gets_the_kept_page_and_readers_see_a_new_post()
    {
        const string board = "giu-trang-moi";
        await forum.CreateBoardAsync(board, "Giữ trang mới");
        using var reader = forum.Anonymous();
        using var member = await forum.SignUpAsync("người_đọc_giữ");
        await Eventually.ValueAsync(() => reader.SendAsync(Get($"/boards/{board}", "vi")), r => r.StatusCode == HttpStatusCode.OK);

        // The member signs in on the web, as a browser does, and reads the page readers were just given.
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = forum.Gateway.BaseAddress };
        var form = await browser.GetStringAsync("/account/sign-in");
        var token = WebFormTokens.OfForm(form);
        var signIn = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "người_đọc_giữ",
            ["Password"] = "mật-khẩu-đủ-dài",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        (await reader.SendAsync(Get($"/boards/{board}", "vi"))).Dispose();
        var own = await browser.SendAsync(Get($"/boards/{board}", "vi"));
        var page = await own.Content.ReadAsStringAsync();
        Assert.Null(own.Headers.Age);
        Assert.Contains("người_đọc_giữ", page);
        Assert.Contains("csrf-token", page);

        var created = await member.PostAsJsonAsync("/api/posts", new { board, title = "Tin mới giữ trang", body = "x" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var shown = await Eventually.ValueAsync(
            async () => await (await reader.SendAsync(Get($"/boards/{board}", "vi"))).Content.ReadAsStringAsync(),
            html => html.Contains("Tin mới giữ trang"), TimeSpan.FromSeconds(15));
        Assert.Contains("Tin mới giữ trang", shown);
        var listing = await Eventually.ValueAsync(
            () => reader.GetFromJsonAsync<JsonElement>($"/api/boards/{board}/posts"),
            l => l.GetProperty("totalPosts").GetInt32() == 1, TimeSpan.FromSeconds(15));
        Assert.Equal(1, listing.GetProperty("totalPosts").GetInt32());
    }
}
