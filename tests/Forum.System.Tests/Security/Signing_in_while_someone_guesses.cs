using System.Net;
using System.Net.Http.Json;
using Forum.Testing;

namespace Forum.System.Tests.Security;

/// <summary>
/// Someone guesses a member's password from their own address: they are slowed, the member
/// signing in from home is not, and the operators' log says so without the address or the password.
/// </summary>
[Collection(SharedForum.Name)]
public sealed class Signing_in_while_someone_guesses(ForumSystem forum)
{
    private const string Member = "Thảo_bị_đoán_mật_khẩu";
    private const string Password = "mật-khẩu-thật-của-Thảo";
    private const string Guesser = "198.51.100.23";
    private const string Home = "203.0.113.45";

    [Fact]
    public async Task Wrong_passwords_from_a_stranger_slow_the_stranger_but_the_member_signs_in_from_their_own_address()
    {
        (await forum.SignUpAsync(Member, Password)).Dispose();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add((await SignInAsync(Guesser, $"đoán-thử-số-{i}-sai")).StatusCode);
        }
        // Five failures are free; the sixth try comes too soon and is refused without a check.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Append(HttpStatusCode.TooManyRequests), answers);
        // The guesser waits out each pause (2 s, then 4 s) and fails again: the next pause is 8 s,
        // long enough for what follows to happen inside it on a slow machine too.
        foreach (var pause in new[] { 2, 4 })
        {
            await Task.Delay(TimeSpan.FromSeconds(pause + 0.2));
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(Guesser, $"đoán-sau-{pause}-giây-sai")).StatusCode);
        }

        var fromHome = await SignInAsync(Home, Password);
        Assert.Equal(HttpStatusCode.OK, fromHome.StatusCode);
        var webFromHome = await SignInOnTheWebAsync(Home, Password);
        Assert.Equal(HttpStatusCode.Redirect, webFromHome.StatusCode);

        // The guesser, even with the right password, waits, and is told how long.
        var guesserRight = await SignInAsync(Guesser, Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, guesserRight.StatusCode);
        Assert.True(guesserRight.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        var log = forum.Gateway.Output;
        Assert.Contains("198.51.100.0/24", log);
        Assert.Contains("are slowed after repeated failures", log);
        Assert.DoesNotContain(Guesser, log);
        Assert.DoesNotContain("đoán-thử-số", log);
        Assert.DoesNotContain("đoán-sau", log);
        Assert.DoesNotContain(Password, log);
    }

    private async Task<HttpResponseMessage> SignInAsync(string address, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/accounts/token") { Content = JsonContent.Create(new { userName = Member, password }) };
        request.Headers.Add("X-Forwarded-For", address);
        return await forum.Client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> SignInOnTheWebAsync(string address, string password)
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = forum.Gateway.BaseAddress };
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        var form = await browser.GetStringAsync("/account/sign-in");
        return await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = Member,
            ["Password"] = password,
            ["__RequestVerificationToken"] = WebFormTokens.OfForm(form),
        }));
    }
}
