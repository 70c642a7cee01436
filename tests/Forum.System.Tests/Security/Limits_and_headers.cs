using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Security;

/// <summary>
/// The forum with its default rate limits, as it runs for real, except that one address may
/// register six accounts an hour instead of five: the fixture and the tests register three.
/// </summary>
public sealed class ForumWithDefaultLimits : ForumSystem
{
    public const int RegistrationsPerHour = 6;

    protected override IReadOnlyDictionary<string, string> GatewaySettings { get; } = new Dictionary<string, string>
    {
        ["Forum__RateLimits__Registering__PermitLimit"] = $"{RegistrationsPerHour}",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateBoardAsync("gioi-han");
        (await SignUpAsync("viết_nhanh")).Dispose();
        (await SignUpAsync("người_thứ_hai")).Dispose();
    }
}

/// <summary>Rate limits at the gateway, and the headers every HTML page carries.</summary>
public sealed class Limits_and_headers(ForumWithDefaultLimits forum) : IClassFixture<ForumWithDefaultLimits>
{
    [Fact]
    public async Task A_second_post_within_ten_seconds_gets_429_with_Retry_After_and_is_not_published()
    {
        using var member = await forum.SignInAsync("viết_nhanh");
        var first = await member.PostAsJsonAsync("/api/posts", new { board = "gioi-han", title = "Bài một", body = "x" });
        var second = await member.PostAsJsonAsync("/api/posts", new { board = "gioi-han", title = "Bài hai", body = "x" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.InRange(second.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);

        // Another user is not held back by the first one's limit.
        using var other = await forum.SignInAsync("người_thứ_hai");
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync("/api/posts", new { board = "gioi-han", title = "Bài ba", body = "x" })).StatusCode);

        var listing = await Eventually.ValueAsync(
            () => forum.Client.GetFromJsonAsync<JsonElement>("/api/boards/gioi-han/posts"), l => l.GetProperty("totalPosts").GetInt32() >= 2);
        Assert.Equal(["Bài ba", "Bài một"], listing.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("title").GetString()).Order());
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

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 31; i++)
        {
            statuses.Add((await member.PutAsync($"/api/posts/{postId}/like", null)).StatusCode);
        }

        Assert.All(statuses.Take(30), status => Assert.Equal(HttpStatusCode.NoContent, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[30]);
    }

    [Fact]
    public async Task Registering_is_limited_per_address()
    {
        // The fixture registered three accounts from this address; three more fit in the hour.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await forum.Client.PostAsJsonAsync("/api/accounts", new { userName = $"hàng_loạt_{i}", password = "mật-khẩu-đủ-dài" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
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
    }
}
