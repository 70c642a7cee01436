using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.System.Tests.Security;
using Forum.Testing;

namespace Forum.System.Tests.Moderation;

/// <summary>
/// Reports from three distinct members hide a post or comment from readers until a moderator
/// decides: gone from the board, search, the feed and its own address, still in the queue marked
/// hidden; a decision other than delete shows it again. Two gateway replicas take the reports.
/// </summary>
[Collection(ModeratedForum.Name)]
public sealed class Hiding_on_reports(ForumWithAModerator forum)
{
    private const string Board = "treo-tai-khoan";

    private async Task<Guid> PublishAsync(HttpClient author, string title, string body)
    {
        var created = await author.PostAsJsonAsync("/api/posts", new { board = Board, title, body });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.ValueAsync(async () => (await forum.Client.GetAsync($"/api/posts/{id}")).StatusCode, s => s == HttpStatusCode.OK, what: "the post to be readable");
        return id;
    }

    private Task<bool> ListedAsync(Guid post) =>
        forum.Client.GetStringAsync($"/api/boards/{Board}/posts?pageSize=100").ContinueWith(t => t.Result.Contains(post.ToString()));

    private async Task<IReadOnlyList<HttpClient>> ReportersAsync(string prefix, int count)
    {
        var reporters = new List<HttpClient>();
        for (var i = 0; i < count; i++)
        {
            reporters.Add(await forum.SignUpAsync($"{prefix}_{i}"));
        }
        return reporters;
    }

    [Fact]
    public async Task A_post_reported_by_three_members_is_hidden_from_readers_until_a_moderator_shows_it_again()
    {
        using var author = await forum.SignUpAsync("tác_giả_bị_ẩn");
        var title = "Khuyến mãi 𝐒𝐈𝐄̂𝐔 𝐑𝐄̉ Tiếng Việt — 한국어 광고";
        var post = await PublishAsync(author, title, "Ghé https://example.org/khuyen-mai-cuc-lon-chi-hom-nay-1234567.html");
        await Eventually.ValueAsync(() => ListedAsync(post), listed => listed, what: "the post on its board");
        var reporters = await ReportersAsync("người_báo_ẩn", 3);

        // The same member three times is one report; two members are not enough.
        for (var i = 0; i < 3; i++)
        {
            await forum.OnGateway(reporters[0], i % 2).PostAsJsonAsync("/api/reports", new { postId = post, reason = "spam" });
        }
        var second = await forum.OnGateway(reporters[1], 1).PostAsJsonAsync("/api/reports", new { postId = post, reason = "abuse" });
        Assert.False((await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hidden").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await forum.Client.GetAsync($"/api/posts/{post}")).StatusCode);

        var third = await reporters[2].PostAsJsonAsync("/api/reports", new { postId = post, reason = "spam" });
        Assert.True((await third.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hidden").GetBoolean());
        await Eventually.ValueAsync(async () => (await forum.Client.GetAsync($"/api/posts/{post}")).StatusCode, s => s == HttpStatusCode.NotFound, what: "the post to be hidden");
        await Eventually.ValueAsync(() => ListedAsync(post), listed => !listed, what: "the post gone from its board");
        await Eventually.ValueAsync(() => forum.OnGateway(forum.Client, 1).GetStringAsync($"/api/boards/{Board}/posts?pageSize=100"), page => !page.Contains(post.ToString()), what: "the post gone on the other replica");
        Assert.DoesNotContain(post.ToString(), await forum.Client.GetStringAsync("/api/search?q=Khuyến mãi"));
        Assert.DoesNotContain(title, await forum.Client.GetStringAsync($"/boards/{Board}/feed"));
        // The queue keeps it, marked hidden, for the moderator to decide.
        var item = (await forum.Moderator.GetFromJsonAsync<JsonElement>("/api/moderation/reports")).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == post);
        Assert.True(item.GetProperty("hidden").GetBoolean());
        Assert.Equal(3, item.GetProperty("reports").GetArrayLength());

        Assert.Equal(HttpStatusCode.OK, (await forum.OnGateway(forum.Moderator, 1).PostAsJsonAsync($"/api/moderation/reports/{post}/resolve", new { decision = "dismiss" })).StatusCode);
        await Eventually.ValueAsync(async () => (await forum.Client.GetAsync($"/api/posts/{post}")).StatusCode, s => s == HttpStatusCode.OK, what: "the post shown again");
        await Eventually.ValueAsync(() => ListedAsync(post), listed => listed, what: "the post back on its board");
        Assert.Equal(title, (await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{post}")).GetProperty("title").GetString());

        var log = (await forum.Moderator.GetFromJsonAsync<JsonElement>("/api/moderation/log")).GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("postId").ValueKind == JsonValueKind.String && e.GetProperty("postId").GetGuid() == post).ToList();
        Assert.Contains(log, e => e.GetProperty("action").GetString() == "hide" && e.GetProperty("moderator").GetString() == "" && e.GetProperty("reports").GetInt32() == 3);
        Assert.Contains(log, e => e.GetProperty("action").GetString() == "dismiss" && e.GetProperty("moderator").GetString() == ForumWithAModerator.ModeratorName);
    }

    [Fact]
    public async Task A_comment_reported_by_three_members_shows_as_hidden_without_its_author_or_text_and_deleting_it_removes_it()
    {
        using var author = await forum.SignUpAsync("người_bình_luận_bị_ẩn");
        var comment = (await (await author.PostAsJsonAsync($"/api/posts/{forum.Post}/comments", new { body = "Mua ngay 지금 구매 — giá sốc" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.ValueAsync(() => forum.Client.GetStringAsync($"/api/posts/{forum.Post}/comments"), page => page.Contains(comment.ToString()));
        foreach (var reporter in await ReportersAsync("người_báo_bình_luận", 3))
        {
            Assert.Equal(HttpStatusCode.Created, (await reporter.PostAsJsonAsync("/api/reports", new { postId = forum.Post, commentId = comment, reason = "spam" })).StatusCode);
        }

        var hidden = await Eventually.ValueAsync(
            async () => (await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{forum.Post}/comments")).GetProperty("comments").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == comment),
            c => c.GetProperty("hidden").GetBoolean(), what: "the comment hidden");
        Assert.Equal("", hidden.GetProperty("bodyHtml").GetString());
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("author").ValueKind);
        Assert.DoesNotContain("giá sốc", await forum.Client.GetStringAsync($"/posts/{forum.Post}"));

        Assert.Equal(HttpStatusCode.OK, (await forum.Moderator.PostAsJsonAsync($"/api/moderation/reports/{comment}/resolve", new { decision = "delete" })).StatusCode);
        await Eventually.ValueAsync(() => forum.Client.GetStringAsync($"/api/posts/{forum.Post}/comments"), page => !page.Contains(comment.ToString()) || page.Contains("\"deleted\":true"), what: "the comment deleted");
    }

    [Fact]
    public async Task Only_moderators_and_the_gateway_hide_and_show_content_at_the_services()
    {
        using var author = await forum.SignUpAsync("tác_giả_tự_ẩn");
        var post = await PublishAsync(author, "Bài tự ẩn", "x");
        Assert.Equal(HttpStatusCode.Forbidden, (await author.PostAsync($"/api/posts/{post}/hide", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forum.Client.PostAsync($"/api/posts/{post}/hide", null)).StatusCode);
        var badReason = await forum.Moderator.PostAsync($"/api/posts/{post}/hide?reason=ghét", null);
        Assert.Equal(HttpStatusCode.BadRequest, badReason.StatusCode);
        Assert.True((await badReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.OK, (await forum.Client.GetAsync($"/api/posts/{post}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await forum.Moderator.PostAsync($"/api/posts/{post}/hide", null)).StatusCode);
        await Eventually.ValueAsync(async () => (await forum.Client.GetAsync($"/api/posts/{post}")).StatusCode, s => s == HttpStatusCode.NotFound, what: "the post hidden");
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Moderator.PostAsync($"/api/posts/{post}/unhide", null)).StatusCode);
        await Eventually.ValueAsync(async () => (await forum.Client.GetAsync($"/api/posts/{post}")).StatusCode, s => s == HttpStatusCode.OK, what: "the post shown");
    }
}
