using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.System.Tests.Security;
using Forum.Testing;

namespace Forum.System.Tests.Moderation;

/// <summary>
/// Members report posts and comments; the moderation queue groups the reports by what they
/// report, most reported first; a moderator's decision (dismiss, delete, lock, suspend the author)
/// is carried out by the service that owns the content, closes the reports and is in the log.
/// </summary>
[Collection(ModeratedForum.Name)]
public sealed class Reporting_and_resolving(ForumWithAModerator forum)
{
    private const string SpamTitle = "𝐌𝐔𝐀 𝐍𝐆𝐀𝐘 giá rẻ bất ngờ — 지금 구매";

    private async Task<(Guid Post, HttpClient Author)> VisiblePostAsync(string author, string title)
    {
        var client = await forum.SignUpAsync(author);
        var created = await client.PostAsJsonAsync("/api/posts", new { board = "treo-tai-khoan", title, body = "Liên hệ https://example.org/mua-ngay-khuyen-mai-cuc-lon-chi-hom-nay-1234567.html" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.ValueAsync(async () => (await forum.Client.GetAsync($"/api/posts/{id}")).StatusCode, s => s == HttpStatusCode.OK);
        return (id, client);
    }

    private static async Task<JsonElement> QueueItemAsync(HttpClient moderator, Guid target) =>
        (await moderator.GetFromJsonAsync<JsonElement>("/api/moderation/reports")).GetProperty("items").EnumerateArray().SingleOrDefault(i => i.GetProperty("id").GetGuid() == target);

    [Fact]
    public async Task Reports_are_grouped_by_what_they_report_counted_once_per_member_and_most_reported_first()
    {
        var (post, author) = await VisiblePostAsync("người_bán_hàng", SpamTitle);
        var comment = (await (await author.PostAsJsonAsync($"/api/posts/{post}/comments", new { body = "Bình luận **quảng cáo** &amp; <b>thẻ</b>" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.ValueAsync(() => forum.Client.GetStringAsync($"/api/posts/{post}/comments"), page => page.Contains(comment.ToString()));
        using var lan = await forum.SignUpAsync("lan_báo_cáo");
        using var minh = await forum.SignUpAsync("minh_báo_cáo");
        using var hà = await forum.SignUpAsync("hà_báo_cáo");

        var first = await lan.PostAsJsonAsync("/api/reports", new { postId = post, reason = "spam" });
        var again = await forum.OnGateway(lan, 1).PostAsJsonAsync("/api/reports", new { postId = post, reason = "abuse" });
        var second = await minh.PostAsJsonAsync("/api/reports", new { postId = post, reason = "abuse" });
        var third = await hà.PostAsJsonAsync("/api/reports", new { postId = post, reason = "other", details = "Đăng lại mỗi giờ — 매시간 반복" });
        var onComment = await hà.PostAsJsonAsync("/api/reports", new { postId = post, commentId = comment, reason = "off-topic" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reports").GetInt32());
        Assert.Equal(3, (await third.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reports").GetInt32());
        Assert.Equal(HttpStatusCode.Created, onComment.StatusCode);

        var queue = await forum.Moderator.GetFromJsonAsync<JsonElement>("/api/moderation/reports");
        var items = queue.GetProperty("items").EnumerateArray().ToList();
        var postIndex = items.FindIndex(i => i.GetProperty("id").GetGuid() == post);
        var commentIndex = items.FindIndex(i => i.GetProperty("id").GetGuid() == comment);
        Assert.True(postIndex >= 0 && commentIndex > postIndex, $"post at {postIndex}, comment at {commentIndex}");
        var reported = items[postIndex];
        Assert.Equal("post", reported.GetProperty("kind").GetString());
        Assert.Equal(SpamTitle, reported.GetProperty("title").GetString());
        Assert.Equal("người_bán_hàng", reported.GetProperty("author").GetString());
        Assert.Equal(["spam", "abuse", "other"], reported.GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("reason").GetString()));
        Assert.Equal("Đăng lại mỗi giờ — 매시간 반복", reported.GetProperty("reports")[2].GetProperty("details").GetString());
        Assert.Equal("comment", items[commentIndex].GetProperty("kind").GetString());
        Assert.Equal("Bình luận quảng cáo & <b>thẻ</b>", items[commentIndex].GetProperty("excerpt").GetString());
    }

    [Fact]
    public async Task Bad_reports_are_refused_naming_the_field_and_change_nothing()
    {
        var (post, _) = await VisiblePostAsync("bị_báo_sai", "Bài bình thường");
        using var member = await forum.SignUpAsync("báo_sai");
        var cases = new (object Body, HttpStatusCode Expected, string? Field)[]
        {
            (new { postId = post }, HttpStatusCode.BadRequest, "reason"),
            (new { postId = post, reason = "ghét" }, HttpStatusCode.BadRequest, "reason"),
            (new { postId = post, reason = "other" }, HttpStatusCode.BadRequest, "details"),
            (new { postId = post, reason = "other", details = string.Concat(Enumerable.Repeat("𝐗", 1001)) }, HttpStatusCode.BadRequest, "details"),
            (new { reason = "spam" }, HttpStatusCode.BadRequest, "postId"),
            (new { postId = Guid.NewGuid(), reason = "spam" }, HttpStatusCode.NotFound, null),
            (new { postId = post, commentId = Guid.NewGuid(), reason = "spam" }, HttpStatusCode.NotFound, null),
        };
        foreach (var (body, expected, field) in cases)
        {
            var answer = await member.PostAsJsonAsync("/api/reports", body);
            Assert.True(answer.StatusCode == expected, $"{JsonSerializer.Serialize(body)}: {answer.StatusCode}");
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            if (field is not null)
            {
                Assert.True((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), field);
            }
        }
        Assert.Equal(JsonValueKind.Undefined, (await QueueItemAsync(forum.Moderator, post)).ValueKind);
        var wrongDecision = await forum.Moderator.PostAsJsonAsync($"/api/moderation/reports/{post}/resolve", new { decision = "xoá" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongDecision.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await forum.Moderator.PostAsJsonAsync($"/api/moderation/reports/{post}/resolve", new { decision = "dismiss" })).StatusCode);
    }

    [Fact]
    public async Task Deleting_locking_and_suspending_are_carried_out_and_logged_and_dismissing_keeps_the_content()
    {
        var (toDelete, _) = await VisiblePostAsync("tác_giả_xoá", "Sẽ bị xoá");
        var (toLock, _) = await VisiblePostAsync("tác_giả_khoá", "Sẽ bị khoá");
        var (toKeep, _) = await VisiblePostAsync("tác_giả_giữ", "Được giữ lại");
        var (bySpammer, spammer) = await VisiblePostAsync("kẻ_spam", SpamTitle);
        using var reporter = await forum.SignUpAsync("người_báo");
        foreach (var post in new[] { toDelete, toLock, toKeep, bySpammer })
        {
            Assert.Equal(HttpStatusCode.Created, (await reporter.PostAsJsonAsync("/api/reports", new { postId = post, reason = "spam" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await forum.Moderator.PostAsJsonAsync($"/api/moderation/reports/{toDelete}/resolve", new { decision = "delete", note = "Rác" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await forum.OnGateway(forum.Moderator, 1).PostAsJsonAsync($"/api/moderation/reports/{toLock}/resolve", new { decision = "lock" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await forum.Moderator.PostAsJsonAsync($"/api/moderation/reports/{toKeep}/resolve", new { decision = "dismiss" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await forum.Moderator.PostAsJsonAsync($"/api/moderation/reports/{bySpammer}/resolve", new { decision = "suspend", note = "Spam 광고", suspendDays = 7 })).StatusCode);

        await Eventually.ValueAsync(async () => (await forum.Client.GetAsync($"/api/posts/{toDelete}")).StatusCode, s => s == HttpStatusCode.NotFound, what: "the deleted post to be gone");
        await Eventually.ValueAsync(() => forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{toLock}"), p => p.GetProperty("locked").GetBoolean(), what: "the post to be locked");
        Assert.Equal(HttpStatusCode.OK, (await forum.Client.GetAsync($"/api/posts/{toKeep}")).StatusCode);
        var refused = await spammer.PostAsJsonAsync($"/api/posts/{forum.Post}/comments", new { body = "Mua ngay" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Spam 광고", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        foreach (var post in new[] { toDelete, toLock, toKeep, bySpammer })
        {
            Assert.Equal(JsonValueKind.Undefined, (await QueueItemAsync(forum.Moderator, post)).ValueKind);
        }

        var log = (await forum.Moderator.GetFromJsonAsync<JsonElement>("/api/moderation/log")).GetProperty("entries").EnumerateArray().ToList();
        JsonElement Decision(string target) => log.First(e => e.GetProperty("target").GetString() == target && e.GetProperty("kind").GetString() == "post");
        foreach (var (target, decision) in new[] { ("tác_giả_xoá", "delete"), ("tác_giả_khoá", "lock"), ("tác_giả_giữ", "dismiss"), ("kẻ_spam", "suspend") })
        {
            Assert.Equal(decision, Decision(target).GetProperty("action").GetString());
            Assert.Equal(1, Decision(target).GetProperty("reports").GetInt32());
            Assert.Equal(ForumWithAModerator.ModeratorName, Decision(target).GetProperty("moderator").GetString());
        }
        Assert.Equal("Rác", Decision("tác_giả_xoá").GetProperty("reason").GetString());
        Assert.Contains(log, e => e.GetProperty("target").GetString() == "kẻ_spam" && e.GetProperty("kind").GetString() == "member"
            && e.GetProperty("action").GetString() == "suspend" && e.GetProperty("reason").GetString() == "Spam 광고");

        // A report after the decision opens the content again.
        Assert.Equal(HttpStatusCode.Created, (await reporter.PostAsJsonAsync("/api/reports", new { postId = toKeep, reason = "abuse" })).StatusCode);
        Assert.Equal(1, (await QueueItemAsync(forum.Moderator, toKeep)).GetProperty("reports").GetArrayLength());
    }

    [Fact]
    public async Task A_moderator_s_acts_outside_the_queue_are_logged_once_each_and_an_author_deleting_their_own_post_is_not()
    {
        var (post, author) = await VisiblePostAsync("tác_giả_bị_nhắc", "𝐓𝐡𝐫𝐞𝐚𝐝 ồn ào — 시끄러운 글");
        var (ownPost, _) = await VisiblePostAsync("tác_giả_bị_nhắc_2", "Tự xoá bài của mình");
        var comment = (await (await author.PostAsJsonAsync($"/api/posts/{post}/comments", new { body = "Bình luận lạc đề" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.ValueAsync(() => forum.Client.GetStringAsync($"/api/posts/{post}/comments"), page => page.Contains(comment.ToString()), what: "the comment");
        using var reporter = await forum.SignUpAsync("người_báo_khoá");
        Assert.Equal(HttpStatusCode.Created, (await reporter.PostAsJsonAsync("/api/reports", new { postId = post, reason = "abuse" })).StatusCode);

        // Through the queue: logged as the decision.
        Assert.Equal(HttpStatusCode.OK, (await forum.Moderator.PostAsJsonAsync($"/api/moderation/reports/{post}/resolve", new { decision = "lock" })).StatusCode);
        // Straight through the API, on either replica: each logged as itself.
        Assert.Equal(HttpStatusCode.NoContent, (await forum.OnGateway(forum.Moderator, 1).PostAsync($"/api/posts/{post}/pin", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Moderator.PostAsync($"/api/comments/{comment}/hide", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Moderator.DeleteAsync($"/api/comments/{comment}")).StatusCode);
        // The author's own delete is not moderation.
        using var ownAuthor = await forum.SignInAsync("tác_giả_bị_nhắc_2");
        Assert.Equal(HttpStatusCode.NoContent, (await ownAuthor.DeleteAsync($"/api/posts/{ownPost}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Moderator.PostAsync($"/api/posts/{post}/unpin", null)).StatusCode);

        var log = await Eventually.ValueAsync(
            async () => (await forum.OnGateway(forum.Moderator, 1).GetFromJsonAsync<JsonElement>("/api/moderation/log")).GetProperty("entries").EnumerateArray().ToList(),
            entries => entries.Any(e => e.GetProperty("action").GetString() == "unpin" && e.GetProperty("postId").GetString() == post.ToString()),
            what: "the last direct act in the log");
        var aboutThePost = log.Where(e => e.GetProperty("postId").GetString() == post.ToString()).Select(e =>
            (Action: e.GetProperty("action").GetString(), Kind: e.GetProperty("kind").GetString(), Target: e.GetProperty("target").GetString(),
             Moderator: e.GetProperty("moderator").GetString())).Order().ToList();
        const string moderator = ForumWithAModerator.ModeratorName;
        // Two services' events are recorded as they arrive, so the order of the entries is not asserted; each is there once.
        Assert.Equal(
            [("delete", "comment", "tác_giả_bị_nhắc", moderator), ("hide", "comment", "tác_giả_bị_nhắc", moderator), ("lock", "post", "tác_giả_bị_nhắc", moderator),
             ("pin", "post", "tác_giả_bị_nhắc", moderator), ("unpin", "post", "tác_giả_bị_nhắc", moderator)],
            aboutThePost);
        Assert.DoesNotContain(log, e => e.GetProperty("postId").GetString() == ownPost.ToString());
    }
}
