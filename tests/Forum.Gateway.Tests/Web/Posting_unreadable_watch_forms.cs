using System.Net;
using System.Net.Http.Headers;
using Forum.Gateway.Tests.Accounts;
using Forum.Testing;

namespace Forum.Gateway.Tests.Web;

/// <summary>
/// A form whose fields cannot be read (a NUL in a value) with its antiforgery token in the header,
/// as a script would send it, so the token passes without the form being read: model binding then
/// leaves every handler parameter unset. The board page still knows its board (from the route), and
/// neither watch form takes the unset value for "unwatch". The fuzzer found the 500 this was.
/// </summary>
[Collection(nameof(GatewayCollection))]
public sealed class Posting_unreadable_watch_forms(GatewayFixture gateway)
{
    [Theory]
    [InlineData("/boards/khong-co?handler=", HttpStatusCode.Redirect)]
    [InlineData("/boards/khong-co?handler=Nope", HttpStatusCode.Redirect)]
    [InlineData("/boards/khong-co?handler=Watch", HttpStatusCode.BadRequest)]
    [InlineData("/posts/6f9619ff-8b86-d011-b42d-00c04fc964ff?handler=Watch", HttpStatusCode.BadRequest)]
    public async Task Are_sent_back_or_refused_never_a_500(string path, HttpStatusCode expected)
    {
        using var browser = gateway.CreateClient();
        var token = WebFormTokens.OfForm(await browser.GetStringAsync("/account/sign-in"));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent("watch=true&body=Tin%00tức"u8.ToArray()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add("X-CSRF-TOKEN", token);

        var answer = await browser.SendAsync(request);

        Assert.Equal(expected, answer.StatusCode);
        if (expected == HttpStatusCode.Redirect)
        {
            Assert.Equal("/boards/khong-co", answer.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task A_watch_value_that_is_not_true_or_false_is_refused()
    {
        using var browser = gateway.CreateClient();
        var token = WebFormTokens.OfForm(await browser.GetStringAsync("/account/sign-in"));
        var answer = await browser.PostAsync("/boards/khong-co?handler=Watch", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["watch"] = "có",
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
    }
}
