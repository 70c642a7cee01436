using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Accounts;

/// <summary>
/// A member leaves: afterwards their name, display name, bio and address are in no database of the
/// forum, no queue of the broker and no event feed an export or a rebuild reads, though nothing of
/// the history was rewritten; their posts and comments stay, credited to a former member.
/// </summary>
[Collection(SharedForum.Name)]
public sealed class Leaving_the_forum(ForumSystem forum)
{
    private const string Leaver = "Hằng_ở_Huế_rời_đi";
    private const string DisplayName = "Hằng Nguyễn 한";
    private const string Bio = "Tôi thích **phở** và 바다";
    private const string Address = "hang.roi.di@example.org";
    private const string FormerMember = "[deleted]";
    private const string Password = "mật-khẩu-đủ-dài";
    private const string Stayer = "người_ở_lại";

    private static readonly string[] Personal = [Leaver, DisplayName, "Tôi thích", Address];

    [Fact]
    public async Task After_a_member_leaves_nothing_of_theirs_names_them_but_what_they_wrote_stays_credited_to_a_former_member()
    {
        using var stayer = await forum.SignUpAsync(Stayer);
        using var leaver = await forum.SignUpAsync(Leaver, Password);
        Assert.Equal(HttpStatusCode.OK, (await leaver.PutAsJsonAsync("/api/accounts/me/profile", new { displayName = DisplayName, bio = Bio })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await leaver.PutAsJsonAsync("/api/accounts/me/email", new { email = Address })).StatusCode);

        var theirs = await PostAsync(leaver, "Bài của người sẽ rời đi");
        var other = await PostAsync(stayer, "Bài của người ở lại");
        var comment = await CommentAsync(leaver, other, "Bình luận của người sẽ rời đi");
        var reply = await CommentAsync(stayer, other, "Trả lời", comment);
        await CommentAsync(leaver, other, "Trả lời lại, có trích dẫn", reply);
        Assert.Equal(HttpStatusCode.NoContent, (await leaver.PutAsync($"/api/posts/{other}/like", null)).StatusCode);
        // A bookmark whose note names them: member state, which leaving deletes with them.
        await Eventually.ValueAsync(async () => (await leaver.PutAsJsonAsync($"/api/bookmarks/posts/{other}", new { note = $"Để {DisplayName} đọc lại" })).StatusCode,
            status => status == HttpStatusCode.OK, what: "the leaver's bookmark");
        await Eventually.ValueAsync(
            () => stayer.GetFromJsonAsync<JsonElement>("/api/notifications"),
            n => n.GetProperty("notifications").EnumerateArray().Count(x => x.GetProperty("actors").EnumerateArray().Any(a => a.GetString() == Leaver)) >= 2,
            what: "the stayer's notifications naming the leaver");
        Assert.Equal(DisplayName, (await forum.Client.GetFromJsonAsync<JsonElement>($"/api/users/{Uri.EscapeDataString(Leaver)}")).GetProperty("displayName").GetString());

        // Moderation's records name them too: as the author of reported content, as a suspended member, as a moderator and as a reporter.
        var locked = await PostAsync(stayer, "Bài sẽ bị khoá");
        Assert.Equal(HttpStatusCode.Created, (await stayer.PostAsJsonAsync("/api/reports", new { postId = theirs, reason = "spam" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await forum.Admin.PostAsJsonAsync($"/api/moderation/reports/{theirs}/resolve", new { decision = "dismiss" })).StatusCode);
        var leaverPath = $"/api/accounts/{Uri.EscapeDataString(Leaver)}";
        Assert.Equal(HttpStatusCode.OK, (await forum.Admin.PutAsJsonAsync($"{leaverPath}/suspension", new { reason = "Thử treo", until = DateTimeOffset.UtcNow.AddDays(1) })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Admin.DeleteAsync($"{leaverPath}/suspension")).StatusCode);
        (await forum.Admin.PutAsync($"{leaverPath}/roles/moderator", null)).EnsureSuccessStatusCode();
        using var moderator = await forum.SignInAsync(Leaver, Password);
        Assert.Equal(HttpStatusCode.Created, (await moderator.PostAsJsonAsync("/api/reports", new { postId = other, reason = "off-topic" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await moderator.PostAsync($"/api/posts/{locked}/lock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await moderator.PutAsJsonAsync($"/api/accounts/{Uri.EscapeDataString(Stayer)}/suspension", new { reason = "Treo bởi người sẽ rời đi" })).StatusCode);
        var log = await Eventually.ValueAsync(() => forum.Admin.GetFromJsonAsync<JsonElement>("/api/moderation/log"),
            l => Entries(l, locked).Any(e => e.Action == "lock"), what: "the leaver's lock in the moderation log");
        Assert.Equal(["lock", "suspend"], LogNaming(log, Leaver, asModerator: true, theirs, locked).Select(e => e.Action).Order());
        Assert.Equal(["dismiss", "grant_moderator", "reinstate", "suspend"], LogNaming(log, Leaver, asModerator: false, theirs, locked).Select(e => e.Action).Order());

        // Before they leave, the searches below do find them: their account in the gateway's database, their events in the feeds.
        Assert.Contains(await EveryStoredTextAsync(), row => row.Contains(Address, StringComparison.Ordinal) && row.Contains(DisplayName, StringComparison.Ordinal));
        Assert.True(Names(await FeedsAsync()), "The feeds do not name the member before they leave.");

        // A wrong or missing password changes nothing.
        var wrong = await moderator.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/accounts/me") { Content = JsonContent.Create(new { password = "sai-mật-khẩu-rồi" }) });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("password", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await moderator.DeleteAsync("/api/accounts/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await moderator.GetAsync("/api/accounts/me")).StatusCode);

        var left = await moderator.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/accounts/me") { Content = JsonContent.Create(new { password = Password }) });
        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);

        // At once: no account, no profile, no token; their post and comments stay, credited to a former member.
        Assert.NotEqual(HttpStatusCode.OK, (await moderator.GetAsync("/api/accounts/me")).StatusCode);
        await Eventually.ValueAsync(async () => (await moderator.PostAsJsonAsync($"/api/posts/{other}/comments", new { body = "Còn viết được không?" })).StatusCode,
            s => s == HttpStatusCode.Unauthorized, what: "their token to stop working");
        var page = await forum.Client.GetFromJsonAsync<JsonElement>($"/api/users/{Uri.EscapeDataString(Leaver)}");
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, 0, 0), (page.GetProperty("displayName").ValueKind, page.GetProperty("joinedAt").ValueKind,
            page.GetProperty("postCount").GetInt32(), page.GetProperty("commentCount").GetInt32()));
        var post = await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{theirs}");
        Assert.Equal((FormerMember, "Bài của người sẽ rời đi"), (post.GetProperty("author").GetString(), post.GetProperty("title").GetString()));
        var comments = await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{other}/comments");
        Assert.Equal(2, comments.GetProperty("comments").EnumerateArray().Count(c => c.GetProperty("author").GetString() == FormerMember));

        // Moderation keeps every record, credited to a former member: the log, the open report they made, the suspension they gave.
        log = await forum.Admin.GetFromJsonAsync<JsonElement>("/api/moderation/log");
        Assert.Empty(LogNaming(log, Leaver, asModerator: true, theirs, locked).Concat(LogNaming(log, Leaver, asModerator: false, theirs, locked)));
        Assert.Equal(["lock", "suspend"], LogNaming(log, FormerMember, asModerator: true, theirs, locked).Select(e => e.Action).Order());
        Assert.Equal(["dismiss", "grant_moderator", "reinstate", "suspend"], LogNaming(log, FormerMember, asModerator: false, theirs, locked).Select(e => e.Action).Order());
        var queue = await forum.Admin.GetFromJsonAsync<JsonElement>("/api/moderation/reports");
        var report = queue.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == other);
        Assert.Equal([FormerMember], report.GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("reporter").GetString()));
        var suspended = await forum.Admin.GetFromJsonAsync<JsonElement>("/api/accounts/suspended");
        Assert.Equal(FormerMember, suspended.EnumerateArray().Single(s => s.GetProperty("userName").GetString() == Stayer).GetProperty("moderator").GetString());

        // Every service forgot them (each deletes its key when it hears of it).
        await Eventually.ValueAsync(FeedsAsync, feeds => !Names(feeds), timeout: TimeSpan.FromSeconds(60), what: "the event feeds to stop naming the leaver");
        await Eventually.ValueAsync(EveryStoredTextAsync, rows => !rows.Any(Names), timeout: TimeSpan.FromSeconds(60), what: "no database to hold the leaver's data");

        // A rebuild of the read models from the services' history brings none of it back.
        Assert.Equal(HttpStatusCode.Accepted, (await forum.Admin.PostAsync("/api/admin/read-models/rebuild", null)).StatusCode);
        var rebuilt = await Eventually.ValueAsync(() => forum.Admin.GetFromJsonAsync<JsonElement>("/api/admin/read-models/rebuild"),
            s => s.GetProperty("state").GetString() is "swapped" or "failed", timeout: TimeSpan.FromSeconds(60), what: "the rebuild to finish");
        Assert.Equal("swapped", rebuilt.GetProperty("state").GetString());
        Assert.Equal(FormerMember, (await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{theirs}")).GetProperty("author").GetString());

        var stored = await EveryStoredTextAsync();
        Assert.DoesNotContain(stored, Names);
        Assert.Contains(stored, row => row.Contains("Bình luận của người sẽ rời đi", StringComparison.Ordinal));
        Assert.False(Names(await FeedsAsync()), "An event feed still names the leaver.");
        Assert.DoesNotContain(await QueuedMessagesAsync(), Names);
    }

    private sealed record LogEntry(string Moderator, string Action, string Target);

    /// <summary>The log's entries that name <paramref name="name"/>, as the moderator or as the member or author acted on.</summary>
    private static List<LogEntry> LogNaming(JsonElement log, string name, bool asModerator, params Guid[] posts) =>
        [.. Entries(log, posts).Where(e => asModerator ? e.Moderator == name : e.Target == name && e.Moderator != name)];

    /// <summary>The log's entries about this test's members or <paramref name="posts"/> (the shared forum's log holds other tests' too).</summary>
    private static IEnumerable<LogEntry> Entries(JsonElement log, params Guid[] posts) =>
        from e in log.GetProperty("entries").EnumerateArray()
        let entry = new LogEntry(e.GetProperty("moderator").GetString() ?? "", e.GetProperty("action").GetString()!, e.GetProperty("target").GetString() ?? "")
        where e.GetProperty("kind").GetString() == "member"
            ? new[] { Leaver, Stayer, FormerMember }.Any(name => entry.Target == name || entry.Moderator == name)
            : e.GetProperty("postId").ValueKind == JsonValueKind.String && posts.Contains(e.GetProperty("postId").GetGuid())
        select entry;

    private static bool Names(string text) => Personal.Any(p => text.Contains(p, StringComparison.Ordinal));

    private static async Task<Guid> PostAsync(HttpClient member, string title)
    {
        var created = await member.PostAsJsonAsync("/api/posts", new { board = "tin-tuc", title, body = "Nội dung" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<Guid> CommentAsync(HttpClient member, Guid post, string body, Guid? parentId = null)
    {
        await Eventually.ValueAsync(async () => (await forum.Client.GetAsync($"/api/posts/{post}")).StatusCode, s => s == HttpStatusCode.OK, what: "the post");
        var created = await member.PostAsJsonAsync($"/api/posts/{post}/comments", new { body, parentId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.ValueAsync(() => forum.Client.GetStringAsync($"/api/posts/{post}/comments"), page => page.Contains(id.ToString()), what: "the comment");
        return id;
    }

    /// <summary>What an export, a replay or a rebuild reads: every service's event feed, through the gateway, with letters unescaped.</summary>
    private async Task<string> FeedsAsync()
    {
        var lines = new List<string>();
        foreach (var service in new[] { "posts", "comments", "engagement" })
        {
            var feed = await forum.Admin.GetStringAsync($"/api/admin/events/{service}?after=0&limit=10000");
            lines.AddRange(feed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Unescaped));
        }
        return string.Join('\n', lines);
    }

    /// <summary>JSON written again without escapes, so that a name is found however the JSON spelled its letters; anything else as it is.</summary>
    private static string Unescaped(string json)
    {
        try
        {
            return JsonSerializer.Serialize(JsonSerializer.Deserialize<JsonElement>(json),
                new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }
        catch (JsonException)
        {
            return json;
        }
    }

    /// <summary>Every row of every table of every database of the forum, as text.</summary>
    private async Task<List<string>> EveryStoredTextAsync()
    {
        var rows = new List<string>();
        foreach (var database in forum.DatabaseConnections.Values)
        {
            rows.AddRange(await StoredText.EveryRowAsync(database));
        }
        return rows;
    }

    /// <summary>The messages waiting in every queue of the forum's virtual host (looked at and put back).</summary>
    private async Task<List<string>> QueuedMessagesAsync()
    {
        using var management = forum.ManagementClient();
        var vhost = Uri.EscapeDataString(forum.VirtualHost);
        var queues = await management.GetFromJsonAsync<JsonElement>($"api/queues/{vhost}");
        var messages = new List<string>();
        foreach (var queue in queues.EnumerateArray().Where(q => q.TryGetProperty("messages", out var count) && count.GetInt64() > 0))
        {
            var name = Uri.EscapeDataString(queue.GetProperty("name").GetString()!);
            var got = await management.PostAsJsonAsync($"api/queues/{vhost}/{name}/get", new { count = 10000, ackmode = "ack_requeue_true", encoding = "auto" });
            messages.AddRange((await got.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(m => Unescaped(m.GetProperty("payload").GetString()!)));
        }
        return messages;
    }
}
