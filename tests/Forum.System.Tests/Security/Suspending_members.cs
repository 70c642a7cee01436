using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Security;

/// <summary>Two replicas of every service and of the gateway, and a moderator.</summary>
public class ForumWithAModerator : ForumSystem
{
    public const string ModeratorName = "người_điều_hành";

    protected override int Replicas => 2;

    public HttpClient Moderator { get; private set; } = null!;

    public Guid Post { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateBoardAsync("treo-tai-khoan");
        (await SignUpAsync(ModeratorName)).Dispose();
        (await Admin.PutAsync($"/api/accounts/{ModeratorName}/roles/moderator", null)).EnsureSuccessStatusCode();
        Moderator = await SignInAsync(ModeratorName);
        var created = await Admin.PostAsJsonAsync("/api/posts", new { board = "treo-tai-khoan", title = "Bài để thử", body = "x" });
        Post = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.ValueAsync(async () => (await Client.GetAsync($"/api/posts/{Post}/comments")).StatusCode, s => s == HttpStatusCode.OK, what: "the post to be readable");
    }

    /// <summary>One write per process that checks tokens, each straight at one replica, as the token's member.</summary>
    public IEnumerable<(string Where, Func<Task<HttpResponseMessage>> Write)> WritesEverywhere(string token)
    {
        HttpClient At(ServiceProcess process)
        {
            var client = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            return client;
        }
        foreach (var (gateway, i) in GatewayReplicas.Select((g, i) => (g, i)))
        {
            yield return ($"gateway {i + 1}", () => At(gateway).PostAsJsonAsync($"/api/posts/{Post}/comments", new { body = $"Qua cổng {i + 1}" }));
        }
        foreach (var (replica, i) in PostsReplicas.Select((r, i) => (r, i)))
        {
            yield return ($"posts {i + 1}", () => At(replica).PostAsJsonAsync("/api/posts", new { board = "treo-tai-khoan", title = $"Thẳng vào posts {i + 1}", body = "x" }));
        }
        foreach (var (replica, i) in CommentsReplicas.Select((r, i) => (r, i)))
        {
            yield return ($"comments {i + 1}", () => At(replica).PostAsJsonAsync($"/api/posts/{Post}/comments", new { body = $"Thẳng vào comments {i + 1}" }));
        }
        foreach (var (replica, i) in EngagementReplicas.Select((r, i) => (r, i)))
        {
            yield return ($"engagement {i + 1}", () => At(replica).PutAsync($"/api/posts/{Post}/like", null));
        }
        foreach (var (replica, i) in NotificationsReplicas.Select((r, i) => (r, i)))
        {
            yield return ($"notifications {i + 1}", () => At(replica).GetAsync("/api/notifications"));
        }
    }
}

/// <summary>
/// Moderators suspend a member for a time or for good: the member's tokens and sessions stop
/// working at once on every replica of every service and of the gateway, the member is told why,
/// and lifting the suspension (or its end) gives them back.
/// </summary>
[Collection(ModeratedForum.Name)]
public sealed class Suspending_members(ForumWithAModerator forum)
{
    private const string Reason = "Quảng cáo rác lặp lại ba lần — 광고 스팸, xin đọc nội quy";

    private static string TokenOf(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;

    [Fact]
    public async Task A_suspended_member_is_refused_at_once_everywhere_with_the_reason_and_lifting_it_gives_everything_back()
    {
        using var member = await forum.SignUpAsync("bị_treo");
        var token = TokenOf(member);
        foreach (var (where, write) in forum.WritesEverywhere(token))
        {
            Assert.True((await write()).IsSuccessStatusCode, $"{where} before the suspension");
        }

        var until = DateTimeOffset.UtcNow.AddDays(3);
        var suspended = await forum.Moderator.PutAsJsonAsync("/api/accounts/bị_treo/suspension", new { reason = Reason, until });
        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);

        // The token is still genuine and unexpired: every replica refuses it all the same, saying why.
        foreach (var (where, write) in forum.WritesEverywhere(token))
        {
            var refused = await Eventually.ValueAsync(write, r => r.StatusCode == HttpStatusCode.Forbidden, TimeSpan.FromSeconds(5), what: $"{where} to refuse the suspended member");
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(Reason, problem.GetProperty("reason").GetString());
            Assert.Contains(Reason, problem.GetProperty("detail").GetString());
        }
        var signIn = await forum.Client.PostAsJsonAsync("/api/accounts/token", new { userName = "bị_treo", password = "mật-khẩu-đủ-dài" });
        Assert.Equal(HttpStatusCode.Forbidden, signIn.StatusCode);
        Assert.Equal(until.ToUnixTimeSeconds(), (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("suspendedUntil").GetDateTimeOffset().ToUnixTimeSeconds());
        // Reading stays open to everyone.
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/api/posts/{forum.Post}")).StatusCode);

        // A replica started after the suspension knows it from its own database.
        forum.CommentsReplicas[1].Kill();
        forum.CommentsReplicas[1].Start();
        await forum.CommentsReplicas[1].WaitUntilReadyAsync();
        var restarted = forum.WritesEverywhere(token).Single(w => w.Where == "comments 2");
        Assert.Equal(HttpStatusCode.Forbidden, (await Eventually.ValueAsync(restarted.Write, r => r.StatusCode != HttpStatusCode.ServiceUnavailable)).StatusCode);

        var listed = await forum.Moderator.GetFromJsonAsync<JsonElement>("/api/accounts/suspended");
        var entry = Assert.Single(listed.EnumerateArray(), s => s.GetProperty("userName").GetString() == "bị_treo");
        Assert.Equal(ForumWithAModerator.ModeratorName, entry.GetProperty("moderator").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await forum.Moderator.DeleteAsync("/api/accounts/bị_treo/suspension")).StatusCode);

        foreach (var (where, write) in forum.WritesEverywhere(token))
        {
            await Eventually.ValueAsync(write, r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(5), what: $"{where} to take the reinstated member's token again");
        }
        Assert.Equal(HttpStatusCode.OK, (await forum.Client.PostAsJsonAsync("/api/accounts/token", new { userName = "bị_treo", password = "mật-khẩu-đủ-dài" })).StatusCode);
        Assert.DoesNotContain((await forum.Moderator.GetFromJsonAsync<JsonElement>("/api/accounts/suspended")).EnumerateArray(),
            s => s.GetProperty("userName").GetString() == "bị_treo");

        // The moderation log, from the event history: who did what to whom, why, newest first.
        var log = await forum.Moderator.GetFromJsonAsync<JsonElement>("/api/moderation/log");
        var mine = log.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("target").GetString() == "bị_treo").ToList();
        Assert.Equal(["reinstate", "suspend"], mine.Select(e => e.GetProperty("action").GetString()));
        Assert.All(mine, e => Assert.Equal(ForumWithAModerator.ModeratorName, e.GetProperty("moderator").GetString()));
        Assert.Equal(Reason, mine[1].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_web_session_of_a_suspended_member_shows_why_and_cannot_write_until_the_suspension_ends_by_itself()
    {
        (await forum.SignUpAsync("phiên_web")).Dispose();
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = forum.GatewayReplicas[1].BaseAddress };
        var signIn = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "phiên_web",
            ["Password"] = "mật-khẩu-đủ-dài",
            ["__RequestVerificationToken"] = WebFormTokens.OfForm(await browser.GetStringAsync("/account/sign-in")),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("phiên_web", await browser.GetStringAsync("/"));

        var until = DateTimeOffset.UtcNow.AddSeconds(4);
        Assert.Equal(HttpStatusCode.OK, (await forum.Moderator.PutAsJsonAsync("/api/accounts/phiên_web/suspension", new { reason = Reason, until })).StatusCode);

        var home = await Eventually.ValueAsync(() => browser.GetStringAsync("/"), page => page.Contains("suspended-banner"), TimeSpan.FromSeconds(3));
        Assert.Contains("Tài khoản của bạn bị tạm khoá đến", home);
        Assert.Contains(Reason, WebUtility.HtmlDecode(home));
        using (var compose = new HttpRequestMessage(HttpMethod.Get, "/compose"))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await browser.SendAsync(compose)).StatusCode);
        }

        // Nobody lifts it: it ends by itself, and the same session writes again.
        var after = await Eventually.ValueAsync(() => browser.GetStringAsync("/"), page => !page.Contains("suspended-banner"), TimeSpan.FromSeconds(15));
        Assert.Contains("phiên_web", after);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/compose")).StatusCode);
    }

    [Fact]
    public async Task Bad_suspensions_are_refused_with_the_field_named_and_change_nothing()
    {
        using var member = await forum.SignUpAsync("vô_can");
        (await forum.SignUpAsync("điều_hành_khác")).Dispose();
        (await forum.Admin.PutAsync("/api/accounts/điều_hành_khác/roles/moderator", null)).EnsureSuccessStatusCode();
        var logBefore = (await forum.Moderator.GetFromJsonAsync<JsonElement>("/api/moderation/log")).GetProperty("total").GetInt32();

        var cases = new (string Url, object Body, HttpStatusCode Expected, string? Field)[]
        {
            ("/api/accounts/vô_can/suspension", new { reason = "   " }, HttpStatusCode.BadRequest, "reason"),
            ("/api/accounts/vô_can/suspension", new { reason = "Có ký tự\u0007 chuông" }, HttpStatusCode.BadRequest, "reason"),
            ("/api/accounts/vô_can/suspension", new { reason = string.Concat(Enumerable.Repeat("𝐒", 501)) }, HttpStatusCode.BadRequest, "reason"),
            ("/api/accounts/vô_can/suspension", new { reason = Reason, until = DateTimeOffset.UtcNow.AddMinutes(-1) }, HttpStatusCode.BadRequest, "until"),
            ("/api/accounts/không_có_ai/suspension", new { reason = Reason }, HttpStatusCode.NotFound, null),
            ($"/api/accounts/{ForumSystem.AdminName}/suspension", new { reason = Reason }, HttpStatusCode.Forbidden, null),
            ("/api/accounts/điều_hành_khác/suspension", new { reason = Reason }, HttpStatusCode.Forbidden, null),
            ($"/api/accounts/{ForumWithAModerator.ModeratorName}/suspension", new { reason = Reason }, HttpStatusCode.Forbidden, null),
        };
        foreach (var (url, body, expected, field) in cases)
        {
            var answer = await forum.Moderator.PutAsJsonAsync(url, body);
            Assert.True(answer.StatusCode == expected, $"{url} {JsonSerializer.Serialize(body)}: {answer.StatusCode}");
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            if (field is not null)
            {
                Assert.True((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), field);
            }
        }
        var malformed = await forum.Moderator.PutAsync("/api/accounts/vô_can/suspension", new StringContent("{\"reason\": \"x\", \"until\": \"ngày mai\"}", global::System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

        Assert.Equal(logBefore, (await forum.Moderator.GetFromJsonAsync<JsonElement>("/api/moderation/log")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsJsonAsync($"/api/posts/{forum.Post}/comments", new { body = "Vẫn viết được" })).StatusCode);
    }
}
