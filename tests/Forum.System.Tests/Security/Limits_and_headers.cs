using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Security;

/// <summary>
/// The forum with its default rate limits, as it runs for real, behind two gateway replicas that
/// share them, except that one address may register ten accounts an hour instead of five: the
/// fixture and the tests register more than five.
/// </summary>
public sealed class ForumWithDefaultLimits : ForumSystem
{
    public const int RegistrationsPerHour = 10;

    /// <summary>The members the fixture registers (the admin before them): each test acts as its own.</summary>
    public static readonly string[] Members = ["viết_nhanh", "người_thứ_hai", "sửa_lỗi", "đồng_thời", "bình_luận_dồn", "tác_giả"];

    protected override int GatewayReplicaCount => 2;

    protected override IReadOnlyDictionary<string, string> GatewaySettings { get; } = new Dictionary<string, string>
    {
        ["Forum__RateLimits__Registering__PermitLimit"] = $"{RegistrationsPerHour}",
    };

    /// <summary>A post by <c>tác_giả</c> for the tests that comment.</summary>
    public Guid PostToCommentOn { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateBoardAsync("gioi-han");
        foreach (var member in Members)
        {
            (await SignUpAsync(member)).Dispose();
        }
        using var author = await SignInAsync("tác_giả");
        var created = await author.PostAsJsonAsync("/api/posts", new { board = "gioi-han", title = "Bài để bình luận", body = "x" });
        PostToCommentOn = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // Commenting needs the comments service to know the post.
        using var comments = new HttpClient { BaseAddress = Comments.BaseAddress };
        comments.DefaultRequestHeaders.Authorization = new("Bearer", SigningKey.Token("người_chờ"));
        await Eventually.ValueAsync(async () => (await comments.GetAsync($"/api/posts/{PostToCommentOn}/comments")).StatusCode,
            status => status == HttpStatusCode.OK, what: "the comments service to know the post");
    }

}

/// <summary>Rate limits at the gateway, shared by its replicas, and the headers every HTML page carries.</summary>
public sealed class Limits_and_headers(ForumWithDefaultLimits forum) : IClassFixture<ForumWithDefaultLimits>
{
    [Fact]
    public async Task A_second_post_within_ten_seconds_through_the_other_gateway_gets_429_with_Retry_After_and_is_not_published()
    {
        using var member = await forum.SignInAsync("viết_nhanh");
        using var onSecond = forum.OnGateway(member, 1);
        var first = await member.PostAsJsonAsync("/api/posts", new { board = "gioi-han", title = "Bài một", body = "x" });
        var second = await onSecond.PostAsJsonAsync("/api/posts", new { board = "gioi-han", title = "Bài hai", body = "x" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.InRange(second.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);

        // Another member is not held back by the first one's limit.
        using var other = await forum.SignInAsync("người_thứ_hai");
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync("/api/posts", new { board = "gioi-han", title = "Bài ba", body = "x" })).StatusCode);

        var listing = await Eventually.ValueAsync(
            () => forum.Client.GetFromJsonAsync<JsonElement>("/api/boards/gioi-han/posts"), l => l.GetProperty("totalPosts").GetInt32() >= 3);
        Assert.DoesNotContain("Bài hai", listing.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task A_post_refused_for_bad_input_leaves_the_allowance_to_the_corrected_post()
    {
        using var member = await forum.SignInAsync("sửa_lỗi");
        using var onSecond = forum.OnGateway(member, 1);

        var empty = await member.PostAsJsonAsync("/api/posts", new { board = "gioi-han", title = "   ", body = "Quên tiêu đề" });
        var tooLong = await onSecond.PostAsJsonAsync("/api/posts", new { board = "gioi-han", title = string.Concat(Enumerable.Repeat("𝐑", 201)), body = "x" });
        var noBoard = await member.PostAsJsonAsync("/api/posts", new { board = "không-có", title = "Sai bảng", body = "x" });
        var corrected = await onSecond.PostAsJsonAsync("/api/posts", new { board = "gioi-han", title = "Đã sửa tiêu đề ầẩẫậ", body = "Quên tiêu đề" });
        var next = await member.PostAsJsonAsync("/api/posts", new { board = "gioi-han", title = "Bài tiếp ngay", body = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.True(noBoard.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{noBoard.StatusCode}");
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
        // The accepted post used the allowance: the limit still holds.
        Assert.Equal(HttpStatusCode.TooManyRequests, next.StatusCode);
    }

    [Fact]
    public async Task A_write_with_a_refused_token_is_always_401_never_429_and_uses_nobody_s_allowance()
    {
        using var member = await forum.SignInAsync("người_thứ_hai");
        var genuine = member.DefaultRequestHeaders.Authorization!.Parameter!;
        string[] refused =
        [
            forum.SigningKey.Token("người_thứ_hai", issuedAt: DateTime.UtcNow.AddHours(-1)),
            TestSigningKey.WithForgedRoles(genuine, ["admin"]),
            TestSigningKey.Unsigned("người_thứ_hai", ["admin"]),
            new TestSigningKey().Token("người_thứ_hai"),
            "not.a.token",
        ];
        var statuses = new List<HttpStatusCode>();
        foreach (var gateway in forum.GatewayReplicas)
        {
            using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
            for (var round = 0; round < 4; round++)
            {
                foreach (var token in refused)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/posts/{forum.PostToCommentOn}/comments") { Content = JsonContent.Create(new { body = "Hết hạn" }) };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    var answer = await client.SendAsync(request);
                    statuses.Add(answer.StatusCode);
                    if (answer.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        Assert.Equal("Bearer", answer.Headers.WwwAuthenticate.Single().Scheme);
                    }
                }
                statuses.Add((await client.PostAsJsonAsync("/api/posts", new { board = "gioi-han", title = "Không ai", body = "x" })).StatusCode);
            }
        }

        Assert.Equal(2 * 4 * (refused.Length + 1), statuses.Count);
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        // Signed in again, the member writes at once.
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsJsonAsync($"/api/posts/{forum.PostToCommentOn}/comments", new { body = "Đã đăng nhập lại" })).StatusCode);
    }

    [Fact]
    public async Task Two_gateways_hold_one_member_to_the_commenting_and_posting_limits_exactly_however_the_writes_are_spread()
    {
        using var member = await forum.SignInAsync("đồng_thời");
        using var onSecond = forum.OnGateway(member, 1);
        HttpClient Gateway(int i) => i % 2 == 0 ? member : onSecond;

        // Twelve comments at once, half through each gateway: three in ten seconds is the limit.
        var comments = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Gateway(i).PostAsJsonAsync($"/api/posts/{forum.PostToCommentOn}/comments", new { body = $"Bình luận đồng thời {i} 한국어" })));
        var posts = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Gateway(i).PostAsJsonAsync("/api/posts", new { board = "gioi-han", title = $"Đăng đồng thời {i}", body = "x" })));

        Assert.Equal(3, comments.Count(c => c.StatusCode == HttpStatusCode.Created));
        Assert.Equal(9, comments.Count(c => c.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(1, posts.Count(p => p.StatusCode == HttpStatusCode.Created));
        Assert.Equal(9, posts.Count(p => p.StatusCode == HttpStatusCode.TooManyRequests));
        var page = await Eventually.ValueAsync(
            () => forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{forum.PostToCommentOn}/comments"),
            p => p.GetProperty("comments").EnumerateArray().Count(c => c.GetProperty("author").GetString() == "đồng_thời") >= 3);
        Assert.Equal(3, page.GetProperty("comments").EnumerateArray().Count(c => c.GetProperty("author").GetString() == "đồng_thời"));
    }

    [Fact]
    public async Task The_comment_form_draws_on_the_same_allowance_as_the_API_and_says_so_in_words()
    {
        using var api = await forum.SignInAsync("bình_luận_dồn");
        using var onSecond = forum.OnGateway(api, 1);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await (i % 2 == 0 ? api : onSecond).PostAsJsonAsync(
                $"/api/posts/{forum.PostToCommentOn}/comments", new { body = $"Qua API {i}" })).StatusCode);
        }

        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = forum.Gateway.BaseAddress };
        var signIn = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "bình_luận_dồn",
            ["Password"] = "mật-khẩu-đủ-dài",
            ["__RequestVerificationToken"] = WebFormTokens.OfForm(await browser.GetStringAsync("/account/sign-in")),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var postPage = await browser.GetStringAsync($"/posts/{forum.PostToCommentOn}");
        var form = await browser.PostAsync($"/posts/{forum.PostToCommentOn}?handler=Comment", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["body"] = "Qua biểu mẫu, lần thứ tư",
            ["__RequestVerificationToken"] = WebFormTokens.OfForm(postPage),
        }));

        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.NotNull(form.Headers.RetryAfter);
        Assert.Contains("Bạn thao tác quá nhanh", await form.Content.ReadAsStringAsync());
        var page = await Eventually.ValueAsync(
            () => forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{forum.PostToCommentOn}/comments"),
            p => p.GetProperty("comments").EnumerateArray().Count(c => c.GetProperty("author").GetString() == "bình_luận_dồn") >= 3);
        Assert.Equal(["Qua API 0", "Qua API 1", "Qua API 2"], page.GetProperty("comments").EnumerateArray()
            .Where(c => c.GetProperty("author").GetString() == "bình_luận_dồn")
            .Select(c => global::System.Text.RegularExpressions.Regex.Replace(c.GetProperty("bodyHtml").GetString()!, "<[^>]+>", "").Trim()).Order());
    }

    [Fact]
    public async Task Liking_is_limited_to_30_a_minute_per_member()
    {
        var created = await forum.Admin.PostAsJsonAsync("/api/posts", new { board = "gioi-han", title = "Bài để thích", body = "x" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var postId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // Asked of the engagement service itself, so that waiting spends none of the gateway's permits.
        using var engagement = new HttpClient { BaseAddress = forum.Engagement.BaseAddress };
        engagement.DefaultRequestHeaders.Authorization = new("Bearer", forum.SigningKey.Token("người_chờ"));
        Assert.Equal(HttpStatusCode.NoContent, await Eventually.ValueAsync(async () => (await engagement.DeleteAsync($"/api/posts/{postId}/like")).StatusCode,
            status => status == HttpStatusCode.NoContent, what: "the engagement service to know the post"));
        using var member = await forum.SignInAsync("người_thứ_hai");
        using var onSecond = forum.OnGateway(member, 1);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 31; i++)
        {
            statuses.Add((await (i % 2 == 0 ? member : onSecond).PutAsync($"/api/posts/{postId}/like", null)).StatusCode);
        }

        Assert.All(statuses.Take(30), status => Assert.Equal(HttpStatusCode.NoContent, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[30]);
    }

    [Fact]
    public async Task Registering_is_limited_per_address_and_a_refused_registration_uses_none_of_it()
    {
        // The fixture registered the admin and its members from this address; the rest fit in the hour.
        var left = ForumWithDefaultLimits.RegistrationsPerHour - 1 - ForumWithDefaultLimits.Members.Length;
        using var second = new HttpClient { BaseAddress = forum.GatewayReplicas[1].BaseAddress };
        var refused = await forum.Client.PostAsJsonAsync("/api/accounts", new { userName = "mật_khẩu_ngắn", password = "ngắn" });
        var taken = await second.PostAsJsonAsync("/api/accounts", new { userName = "VIẾT_NHANH", password = "mật-khẩu-đủ-dài" });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= left; i++)
        {
            statuses.Add((await (i % 2 == 0 ? forum.Client : second).PostAsJsonAsync("/api/accounts", new { userName = $"hàng_loạt_{i}", password = "mật-khẩu-đủ-dài" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Created, left), HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task HTML_pages_forbid_inline_script_framing_and_sniffing()
    {
        var response = await forum.Client.GetAsync("/account/sign-in");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        // Nor does any answer name the server software, the gateway's or a service's behind it.
        Assert.False(response.Headers.Contains("Server"), string.Join(",", response.Headers.TryGetValues("Server", out var server) ? server : []));
        var proxied = await forum.Client.GetAsync($"/api/posts/{Guid.NewGuid()}/revisions");
        Assert.Equal(HttpStatusCode.NotFound, proxied.StatusCode);
        Assert.False(proxied.Headers.Contains("Server"));
    }
}
