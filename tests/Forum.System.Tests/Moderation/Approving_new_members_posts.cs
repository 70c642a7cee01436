using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.System.Tests.Security;
using Forum.Testing;

namespace Forum.System.Tests.Moderation;

/// <summary>A forum that holds new members' posts for approval, with members new for a day.</summary>
public sealed class ForumThatApprovesNewMembers : ForumWithAModerator
{
    protected override TimeSpan NewMemberPeriod => TimeSpan.FromDays(1);

    protected override IReadOnlyDictionary<string, string> EveryServiceSettings { get; } = new Dictionary<string, string>
    {
        ["Forum__NewMembers__ApprovePosts"] = "true",
    };
}

/// <summary>
/// With approval on, a new member's post waits out of readers' sight (its author is told so) until
/// a moderator approves it, or rejects it and it is deleted; established members and moderators
/// publish at once. Two gateway replicas.
/// </summary>
public sealed class Approving_new_members_posts(ForumThatApprovesNewMembers forum) : IClassFixture<ForumThatApprovesNewMembers>
{
    private const string Board = "treo-tai-khoan";

    private async Task<(Guid Id, JsonElement Answer)> PublishAsync(HttpClient author, string title)
    {
        var created = await author.PostAsJsonAsync("/api/posts", new { board = Board, title, body = "Xin chào cả nhà — 안녕하세요" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var answer = await created.Content.ReadFromJsonAsync<JsonElement>();
        return (answer.GetProperty("id").GetGuid(), answer);
    }

    private async Task<IReadOnlyList<Guid>> HeldAsync(HttpClient moderator) =>
        [.. (await moderator.GetFromJsonAsync<JsonElement>("/api/moderation/approvals")).GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("id").GetGuid())];

    [Fact]
    public async Task A_new_member_s_post_waits_for_approval_and_an_approved_one_is_read_by_all()
    {
        using var newcomer = await forum.SignUpAsync("người_mới_chờ_duyệt");
        var title = "Bài đầu tiên của tôi 𝐇𝐄𝐋𝐋𝐎 — 첫 글";
        var (post, answer) = await PublishAsync(newcomer, title);
        Assert.True(answer.GetProperty("awaitingApproval").GetBoolean());

        await Eventually.ValueAsync(() => HeldAsync(forum.OnGateway(forum.Moderator, 1)), held => held.Contains(post), what: "the post in the approval queue");
        Assert.Equal(HttpStatusCode.NotFound, (await forum.Client.GetAsync($"/api/posts/{post}")).StatusCode);
        Assert.DoesNotContain(post.ToString(), await forum.Client.GetStringAsync($"/api/boards/{Board}/posts?pageSize=100"));
        // Its author sees it on its page, and why nobody else does yet.
        var page = WebUtility.HtmlDecode(await newcomer.GetStringAsync($"/posts/{post}"));
        Assert.Contains("chờ kiểm duyệt viên duyệt", page);
        Assert.Contains(title, page);

        Assert.Equal(HttpStatusCode.NoContent, (await forum.Moderator.PostAsJsonAsync($"/api/moderation/approvals/{post}", new { decision = "approve" })).StatusCode);
        await Eventually.ValueAsync(async () => (await forum.Client.GetAsync($"/api/posts/{post}")).StatusCode, s => s == HttpStatusCode.OK, what: "the approved post to be readable");
        await Eventually.ValueAsync(() => forum.OnGateway(forum.Client, 1).GetStringAsync($"/api/boards/{Board}/posts?pageSize=100"), listing => listing.Contains(post.ToString()), what: "the approved post on its board");
        Assert.DoesNotContain(post, await HeldAsync(forum.Moderator));
        Assert.Equal(HttpStatusCode.NotFound, (await forum.Moderator.PostAsJsonAsync($"/api/moderation/approvals/{post}", new { decision = "reject" })).StatusCode);
        var log = (await forum.Moderator.GetFromJsonAsync<JsonElement>("/api/moderation/log")).GetProperty("entries").EnumerateArray();
        Assert.Contains(log, e => e.GetProperty("action").GetString() == "approve" && e.GetProperty("target").GetString() == "người_mới_chờ_duyệt");
    }

    [Fact]
    public async Task A_rejected_post_is_deleted_and_moderators_and_established_members_publish_at_once()
    {
        using var newcomer = await forum.SignUpAsync("người_mới_bị_từ_chối");
        var (rejected, _) = await PublishAsync(newcomer, "Quảng cáo 광고");
        await Eventually.ValueAsync(() => HeldAsync(forum.Moderator), held => held.Contains(rejected), what: "the post in the approval queue");
        Assert.Equal(HttpStatusCode.BadRequest, (await forum.Moderator.PostAsJsonAsync($"/api/moderation/approvals/{rejected}", new { decision = "xoá" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await newcomer.PostAsJsonAsync($"/api/moderation/approvals/{rejected}", new { decision = "approve" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await newcomer.GetAsync("/api/moderation/approvals")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await forum.OnGateway(forum.Moderator, 1).PostAsJsonAsync($"/api/moderation/approvals/{rejected}", new { decision = "reject" })).StatusCode);
        await Eventually.ValueAsync(() => HeldAsync(forum.Moderator), held => !held.Contains(rejected), what: "the rejected post out of the queue");
        Assert.Equal(HttpStatusCode.NotFound, (await forum.Client.GetAsync($"/api/posts/{rejected}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await newcomer.GetAsync($"/posts/{rejected}")).StatusCode);

        var (byModerator, answer) = await PublishAsync(forum.Moderator, "Thông báo của kiểm duyệt viên");
        Assert.False(answer.GetProperty("awaitingApproval").GetBoolean());
        await Eventually.ValueAsync(async () => (await forum.Client.GetAsync($"/api/posts/{byModerator}")).StatusCode, s => s == HttpStatusCode.OK, what: "the moderator's post readable at once");
    }
}
