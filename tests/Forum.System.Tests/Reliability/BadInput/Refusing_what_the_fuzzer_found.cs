using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Reliability.BadInput;

/// <summary>
/// One request of each kind the fuzzer found answered with a 5xx or a bare refusal, and the
/// answer each must get: a 4xx problem detail (or, for a page, a safe redirect).
/// </summary>
[Collection(BadInputCollection.Name)]
public sealed class Refusing_what_the_fuzzer_found(ForumUnderBadInput forum)
{
    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}, expected {(int)expected}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("/api/search?q=%00")]
    [InlineData("/api/search?q=tin&board=%00")]
    [InlineData("/search?q=a%00b")]
    [InlineData("/api/boards/tin-tuc/posts?sort=latest%00")]
    public async Task A_NUL_in_the_query_string_is_refused_before_it_reaches_PostgreSQL(string url)
    {
        await AssertProblemAsync(await forum.Client.GetAsync(url), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_form_field_named_like_an_unclosed_jquery_key_is_not_a_server_error()
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new global::System.Net.CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = forum.Gateway.BaseAddress,
        };
        var form = await browser.GetStringAsync("/account/sign-in");
        var token = WebFormTokens.OfForm(form);
        Assert.NotEmpty(token);

        using var body = new StringContent($"UserName=kh%C3%B4ng_c%C3%B3&Password=sai-m%E1%BA%ADt-kh%E1%BA%A9u&__RequestVerificationToken={Uri.EscapeDataString(token)}&a%5B=1",
            global::System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");
        var response = await browser.PostAsync("/account/sign-in", body);

        // Read as the plain form it is: a wrong name and password, not a 500.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_NUL_in_the_query_string_is_refused_by_a_service_called_directly()
    {
        using var posts = new HttpClient { BaseAddress = forum.Posts.BaseAddress };
        await AssertProblemAsync(await posts.GetAsync($"/api/posts/{forum.PostId}?at=%00"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Signing_in_with_a_NUL_in_the_user_name_is_a_wrong_name_not_a_server_error()
    {
        var response = await forum.Client.PostAsJsonAsync("/api/accounts/token", new { userName = "Tin\u0000tức", password = "sai-mật-khẩu-rồi" });
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("to=9999-12-31")]
    [InlineData("to=0001-01-01")]
    [InlineData("from=9999-12-31&to=9999-12-31")]
    public async Task Daily_statistics_for_dates_at_the_end_of_the_calendar_are_refused(string query)
    {
        await AssertProblemAsync(await forum.Client.GetAsync($"/api/stats/daily?{query}"), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/\\evil.example")]
    [InlineData("/\\\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    public async Task Switching_language_with_a_foreign_return_address_goes_home(string returnUrl)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = forum.Gateway.BaseAddress };

        var response = await browser.GetAsync($"/language/en?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=ranh-gioi", "no closing boundary")]
    [InlineData("multipart/form-data; boundary=khac", "a boundary that never comes")]
    public async Task An_upload_whose_multipart_body_is_cut_short_is_refused_by_service_and_gateway(string contentType, string what)
    {
        foreach (var address in new[] { forum.Posts.BaseAddress, forum.Gateway.BaseAddress })
        {
            using var client = new HttpClient { BaseAddress = address };
            client.DefaultRequestHeaders.Authorization = forum.Member.DefaultRequestHeaders.Authorization;
            var body = new ByteArrayContent(Encoding.UTF8.GetBytes(
                "--ranh-gioi\r\nContent-Disposition: form-data; name=\"file\"; filename=\"anh.png\"\r\nContent-Type: image/png\r\n\r\nkhông phải ảnh"));
            body.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

            var response = await client.PostAsync("/api/uploads", body);

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what} at {address}: {(int)response.StatusCode}");
            await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task An_upload_beyond_the_limit_is_refused_by_the_gateway_itself_with_413_not_502()
    {
        var file = new ByteArrayContent(new byte[6 * 1024 * 1024]);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var form = new MultipartFormDataContent { { file, "file", "lon.png" } };
        // As a careful client sends a large body: it waits for the go-ahead, so it reads the refusal instead of writing into a closed connection.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/uploads") { Content = form };
        request.Headers.ExpectContinue = true;

        var response = await forum.Member.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_header_outside_ASCII_on_a_proxied_command_is_refused_with_400_not_503()
    {
        using var client = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 }) { BaseAddress = forum.Gateway.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/posts") { Content = JsonContent.Create(new { board = "tin-tuc", title = "", body = "x" }) };
        request.Headers.Authorization = forum.Member.DefaultRequestHeaders.Authorization;
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "khóa-키");

        await AssertProblemAsync(await client.SendAsync(request), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Asking_the_gateway_for_a_post_at_a_version_and_a_time_at_once_is_refused_not_ambiguous()
    {
        var response = await forum.Client.GetAsync($"/api/posts/{forum.PostId}?version=1&at=2026-11-28T09:30:00Z");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
