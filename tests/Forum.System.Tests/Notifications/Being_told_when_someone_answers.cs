using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Contracts.Comments;
using Forum.Testing;
using MassTransit;

namespace Forum.System.Tests.Notifications;

/// <summary>
/// Members are told when someone comments on their post, replies to their comment or likes their
/// post, through the gateway of the whole forum, with the real broker and databases: each once,
/// never of their own doing, and a deleted comment takes its notification back.
/// </summary>
[Collection(SharedForum.Name)]
public sealed class Being_told_when_someone_answers(ForumSystem forum)
{
    private const string Board = "tin-tuc";

    [Fact]
    public async Task A_comment_tells_the_post_author_and_a_reply_tells_whom_it_answers_and_nobody_hears_of_their_own()
    {
        using var author = await forum.SignUpAsync("tác_giả_được_báo");
        using var commenter = await forum.SignUpAsync("người_bình_luận_đầu");
        using var replier = await forum.SignUpAsync("김민준_답글");
        var post = await PublishAsync(author, "Hỏi về thủ tục gia hạn visa D-2");

        var comment = await CommentAsync(commenter, post, "Bạn nên đến **văn phòng xuất nhập cảnh** sớm. 출입국사무소");
        var toAuthor = await NotificationsOfAsync(author, n => n.Any(x => x.GetProperty("commentId").GetString() == comment.ToString()));
        var first = toAuthor.Single();
        Assert.Equal("comment", first.GetProperty("type").GetString());
        Assert.Equal(post, first.GetProperty("postId").GetGuid());
        Assert.Equal(["người_bình_luận_đầu"], first.GetProperty("actors").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("Bạn nên đến văn phòng xuất nhập cảnh sớm. 출입국사무소", first.GetProperty("excerpt").GetString());
        Assert.Equal("Hỏi về thủ tục gia hạn visa D-2", first.GetProperty("postTitle").GetString());
        Assert.False(first.GetProperty("read").GetBoolean());

        var reply = await CommentAsync(replier, post, "Tôi cũng vậy, cảm ơn!", parentId: comment);
        var toCommenter = await NotificationsOfAsync(commenter, n => n.Count > 0);
        Assert.Equal(("reply", reply, "김민준_답글"), Describe(toCommenter.Single()));
        var authorNow = await NotificationsOfAsync(author, n => n.Count == 2);
        Assert.Equal(("comment", reply, "김민준_답글"), Describe(authorNow[0]));

        // The author answering on their own post tells the one they answer, not themselves.
        await CommentAsync(author, post, "Cảm ơn hai bạn.", parentId: reply);
        var toReplier = await NotificationsOfAsync(replier, n => n.Count > 0);
        Assert.Equal("reply", Describe(toReplier.Single()).Type);
        Assert.Equal(2, (await NotificationsOfAsync(author, _ => true)).Count);
        Assert.Equal(2, await UnreadAsync(author));
    }

    [Fact]
    public async Task Thirty_members_liking_a_post_give_its_author_one_notification_that_counts_thirty()
    {
        using var author = await forum.SignUpAsync("tác_giả_được_thích");
        var post = await PublishAsync(author, "𝐑𝐄𝐕𝐈𝐄𝐖 quán phở ở Seoul");
        var likers = new List<HttpClient>();
        for (var i = 0; i < 30; i++)
        {
            likers.Add(await forum.SignUpAsync($"người_thích_{i}"));
        }

        await Parallel.ForEachAsync(likers, async (liker, _) =>
        {
            var liked = await Eventually.ValueAsync(() => liker.PutAsync($"/api/posts/{post}/like", null),
                r => r.StatusCode == HttpStatusCode.NoContent, what: "the engagement service to know the post");
            Assert.Equal(HttpStatusCode.NoContent, liked.StatusCode);
        });

        var notifications = await NotificationsOfAsync(author, n => n.Any(x => x.GetProperty("count").GetInt64() == 30));
        var likes = Assert.Single(notifications);
        Assert.Equal("likes", likes.GetProperty("type").GetString());
        Assert.Equal(post, likes.GetProperty("postId").GetGuid());
        Assert.Equal(30, likes.GetProperty("count").GetInt64());
        // It names a few of the newest likers, each one of those who liked.
        var named = likes.GetProperty("actors").EnumerateArray().Select(a => a.GetString()!).ToList();
        Assert.Equal(3, named.Count);
        Assert.Equal(3, named.Distinct().Count());
        Assert.All(named, name => Assert.Matches("^người_thích_[0-9]+$", name));
        Assert.Equal(1, await UnreadAsync(author));
        likers.ForEach(l => l.Dispose());
    }

    [Fact]
    public async Task A_comment_event_delivered_again_notifies_nobody_twice()
    {
        await using var observer = await BrokerObserver<CommentAdded>.StartAsync(forum.RabbitMq);
        using var author = await forum.SignUpAsync("tác_giả_nhận_lại");
        using var commenter = await forum.SignUpAsync("người_gửi_lại");
        var post = await PublishAsync(author, "Sự kiện được gửi hai lần");
        var comment = await CommentAsync(commenter, post, "Một lần thôi");
        var delivered = await observer.WaitForAsync(c => c.CommentId == comment);
        await NotificationsOfAsync(author, n => n.Count == 1);

        // The broker hands the very same message over again, as after a lost acknowledgement.
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(forum.RabbitMq));
        await bus.StartAsync();
        try
        {
            await bus.Publish(delivered.Message, context => context.MessageId = delivered.MessageId);
            // A later comment behind it in the same queue: once it is told, the duplicate was consumed too.
            var later = await CommentAsync(commenter, post, "Lần thứ hai, khác hẳn");
            await NotificationsOfAsync(author, n => n.Any(x => x.GetProperty("commentId").GetString() == later.ToString()));
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        finally
        {
            await bus.StopAsync();
        }

        var notifications = await NotificationsOfAsync(author, _ => true);
        Assert.Equal(2, notifications.Count);
        Assert.Single(notifications, n => n.GetProperty("commentId").GetString() == comment.ToString());
    }

    [Fact]
    public async Task A_deleted_comment_takes_its_notification_back()
    {
        using var author = await forum.SignUpAsync("tác_giả_bị_rút");
        using var commenter = await forum.SignUpAsync("người_xoá_bình_luận");
        var post = await PublishAsync(author, "Bình luận sẽ bị xoá");
        var comment = await CommentAsync(commenter, post, "Lỡ tay, xoá ngay");
        await NotificationsOfAsync(author, n => n.Count == 1);

        Assert.Equal(HttpStatusCode.NoContent, (await commenter.DeleteAsync($"/api/comments/{comment}")).StatusCode);

        var after = await NotificationsOfAsync(author, n => n.Count == 0);
        Assert.Empty(after);
        Assert.Equal(0, await UnreadAsync(author));
    }

    [Fact]
    public async Task Only_the_member_sees_and_marks_their_notifications()
    {
        using var author = await forum.SignUpAsync("chủ_thông_báo");
        using var commenter = await forum.SignUpAsync("người_tò_mò");
        var post = await PublishAsync(author, "Thông báo của riêng tôi");
        await CommentAsync(commenter, post, "Xin chào");
        var mine = (await NotificationsOfAsync(author, n => n.Count == 1)).Single().GetProperty("id").GetGuid();

        Assert.Empty(await NotificationsOfAsync(commenter, _ => true));
        var marked = await commenter.PostAsJsonAsync("/api/notifications/read", new { ids = new[] { mine } });
        Assert.Equal(HttpStatusCode.NotFound, marked.StatusCode);
        Assert.Equal("application/problem+json", marked.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await UnreadAsync(author));
        using var anonymous = forum.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/notifications")).StatusCode);
        var malformed = await author.PostAsync("/api/notifications/read", new StringContent("""{"ids":["not-a-guid"]}""", global::System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await author.GetAsync("/api/notifications?page=0")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await author.PostAsJsonAsync("/api/notifications/read", new { ids = new[] { mine } })).StatusCode);
        Assert.Equal(0, await UnreadAsync(author));
        Assert.True((await NotificationsOfAsync(author, _ => true)).Single().GetProperty("read").GetBoolean());
    }

    [Fact]
    public async Task A_mention_tells_the_member_named_links_their_page_leaves_unknown_names_plain_and_goes_with_its_comment()
    {
        using var author = await forum.SignUpAsync("người_nhắc_tên");
        using var named = await forum.SignUpAsync("Người_Được_Nhắc");
        using var other = await forum.SignUpAsync("박서준_언급");
        var post = await PublishAsync(author, "Ai đi chợ Tết ở Ansan không?");

        // A new member is known to the services a moment after registering (the gateway announces
        // them): until then an @name is plain text, as for anyone unknown.
        var (comment, html) = await LinkedAsync(() => CommentAsync(author, post, "Hỏi @người_được_nhắc và @không_có_ai_tên_này, cả @người_nhắc_tên nữa."),
            async id => (await author.GetFromJsonAsync<JsonElement>($"/api/posts/{post}/comments")).GetProperty("comments").EnumerateArray()
                .FirstOrDefault(c => c.GetProperty("id").GetGuid() == id) is { ValueKind: JsonValueKind.Object } c ? c.GetProperty("bodyHtml").GetString() : null);
        Assert.Contains($"<a href=\"/users/{Uri.EscapeDataString("Người_Được_Nhắc")}\" class=\"mention\">@người_được_nhắc</a>", html);
        Assert.Contains("@không_có_ai_tên_này", html);
        Assert.DoesNotContain("/users/không", html);

        var mention = (await NotificationsOfAsync(named, n => n.Any(x => x.GetProperty("type").GetString() == "mention"))).Single();
        Assert.Equal(("mention", comment, "người_nhắc_tên"), Describe(mention));
        Assert.Equal(post, mention.GetProperty("postId").GetGuid());
        // Naming oneself tells nobody.
        Assert.DoesNotContain(await NotificationsOfAsync(author, _ => true), n => n.GetProperty("type").GetString() == "mention");

        var (mentioningPost, postHtml) = await LinkedAsync(async () =>
            {
                var response = await author.PostAsJsonAsync("/api/posts", new { board = Board, title = "Lịch chợ Tết — 설 장터", body = "@박서준_언급 xem giúp lịch nhé." });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            },
            async id => await author.GetAsync($"/api/posts/{id}") is { StatusCode: HttpStatusCode.OK } r ? (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bodyHtml").GetString() : null);
        Assert.Contains($"/users/{Uri.EscapeDataString("박서준_언급")}", postHtml);
        var toOther = (await NotificationsOfAsync(other, n => n.Any(x => x.GetProperty("type").GetString() == "mention"))).Single();
        Assert.Equal(mentioningPost, toOther.GetProperty("postId").GetGuid());
        Assert.Equal(JsonValueKind.Null, toOther.GetProperty("commentId").ValueKind);

        // An edit that names someone new tells them; one that names them again tells nobody twice.
        for (var version = 1; version <= 2; version++)
        {
            var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/posts/{mentioningPost}")
            {
                Content = JsonContent.Create(new { title = "Lịch chợ Tết — 설 장터", body = $"@박서준_언급 và @Người_được_nhắc xem giúp lịch nhé (lần {version})." }),
            };
            edit.Headers.IfMatch.Add(new global::System.Net.Http.Headers.EntityTagHeaderValue($"\"{version}\""));
            var edited = await author.SendAsync(edit);
            Assert.True(edited.StatusCode == HttpStatusCode.OK, $"{edited.StatusCode}: {await edited.Content.ReadAsStringAsync()}");
        }
        bool MentionOfPost(JsonElement n) => n.GetProperty("type").GetString() == "mention" && n.GetProperty("postId").GetGuid() == mentioningPost;
        var namedInPost = await NotificationsOfAsync(named, n => n.Any(MentionOfPost));
        Assert.Equal(JsonValueKind.Null, namedInPost.Single(MentionOfPost).GetProperty("commentId").ValueKind);
        await Eventually.ValueAsync(async () => (await author.GetFromJsonAsync<JsonElement>($"/api/posts/{mentioningPost}")).GetProperty("version").GetInt64(), v => v == 3);
        Assert.Single(await NotificationsOfAsync(other, _ => true), MentionOfPost);
        Assert.Single(await NotificationsOfAsync(named, _ => true), MentionOfPost);

        // A comment edited to name someone tells them of the comment.
        var plain = await CommentAsync(author, post, "Chưa nhắc ai.");
        HttpRequestMessage EditComment()
        {
            var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/comments/{plain}") { Content = JsonContent.Create(new { body = "Giờ nhắc @박서준_언급." }) };
            edit.Headers.IfMatch.Add(new global::System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
            return edit;
        }
        var commentEdited = await Eventually.ValueAsync(() => author.SendAsync(EditComment()), r => r.StatusCode != HttpStatusCode.NotFound);
        Assert.True(commentEdited.StatusCode == HttpStatusCode.OK, $"{commentEdited.StatusCode}: {await commentEdited.Content.ReadAsStringAsync()}");
        await NotificationsOfAsync(other, n => n.Any(x => x.GetProperty("type").GetString() == "mention" && x.GetProperty("commentId").ValueKind == JsonValueKind.String
            && x.GetProperty("commentId").GetGuid() == plain));

        // The deleted comment takes its mention back.
        Assert.Equal(HttpStatusCode.NoContent, (await author.DeleteAsync($"/api/comments/{comment}")).StatusCode);
        bool MentionInComment(JsonElement n) => n.GetProperty("type").GetString() == "mention" && n.GetProperty("commentId").ValueKind == JsonValueKind.String
            && n.GetProperty("commentId").GetGuid() == comment;
        await NotificationsOfAsync(named, n => !n.Any(MentionInComment));
        Assert.DoesNotContain(await NotificationsOfAsync(named, _ => true), MentionInComment);
    }

    [Fact]
    public async Task A_notification_of_a_comment_on_a_later_page_opens_that_page_and_reads_it()
    {
        using var author = await forum.SignUpAsync("chủ_bài_nhiều_trang");
        using var talker = await forum.SignUpAsync("người_nói_nhiều");
        var post = await PublishAsync(author, "Thảo luận dài: thuê nhà ở Suwon — 수원 월세");
        var first = await CommentAsync(talker, post, "Bình luận thứ 1");
        for (var i = 2; i <= 24; i++)
        {
            await CommentAsync(talker, post, $"Bình luận thứ {i}");
        }
        var last = await CommentAsync(talker, post, "Bình luận thứ 25 — 마지막");
        var notification = (await NotificationsOfAsync(author, n => n.Any(x => x.GetProperty("commentId").GetGuid() == last)))
            .First(x => x.GetProperty("commentId").GetGuid() == last);

        // The web page's link to it, followed as a browser follows it, with the member's session.
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = true }) { BaseAddress = forum.Gateway.BaseAddress };
        var signedIn = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "chủ_bài_nhiều_trang",
            ["Password"] = "mật-khẩu-đủ-dài",
            ["__RequestVerificationToken"] = WebFormTokens.OfForm(await browser.GetStringAsync("/account/sign-in")),
        }));
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var list = await browser.GetStringAsync("/notifications");
        var open = $"/notifications?handler=Open&amp;id={notification.GetProperty("id").GetGuid()}&amp;post={post}&amp;comment={last}";
        Assert.Contains(open, list);
        var opened = await browser.GetAsync(WebUtility.HtmlDecode(open));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal($"/posts/{post}?comment={last}", opened.RequestMessage!.RequestUri!.PathAndQuery);
        var page = await opened.Content.ReadAsStringAsync();
        Assert.Contains($"id=\"c-{last}\"", page);
        Assert.DoesNotContain($"id=\"c-{first}\"", page);
        Assert.Contains("마지막", page);
        var read = await NotificationsOfAsync(author, n => n.First(x => x.GetProperty("commentId").GetGuid() == last).GetProperty("read").GetBoolean());
        Assert.True(read.First(x => x.GetProperty("commentId").GetGuid() == last).GetProperty("read").GetBoolean());
    }

    /// <summary>Writes until what was written names its member with a link, as it will once the services know them.</summary>
    private static async Task<(Guid Id, string Html)> LinkedAsync(Func<Task<Guid>> write, Func<Guid, Task<string?>> htmlOf)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var id = await write();
            var html = await Eventually.ValueAsync(() => htmlOf(id), what: "what was written, in the read model");
            if (html.Contains("class=\"mention\"", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return (id, html);
            }
            await Task.Delay(200);
        }
    }

    private static (string Type, Guid CommentId, string Actor) Describe(JsonElement notification) => (
        notification.GetProperty("type").GetString()!,
        notification.GetProperty("commentId").GetGuid(),
        notification.GetProperty("actors").EnumerateArray().Single().GetString()!);

    private static async Task<Guid> PublishAsync(HttpClient client, string title)
    {
        var response = await client.PostAsJsonAsync("/api/posts", new { board = Board, title, body = "Nội dung bài viết." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static Task<Guid> CommentAsync(HttpClient client, Guid post, string body, Guid? parentId = null) => client.CommentAsync(post, body, parentId);

    /// <summary>The member's notifications, newest first, once <paramref name="until"/> holds of them.</summary>
    private static async Task<List<JsonElement>> NotificationsOfAsync(HttpClient member, Func<List<JsonElement>, bool> until) =>
        await Eventually.ValueAsync(async () =>
        {
            var response = await member.GetAsync("/api/notifications");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("notifications").EnumerateArray().ToList();
        }, until, what: "the notifications");

    private static async Task<long> UnreadAsync(HttpClient member) =>
        (await member.GetFromJsonAsync<JsonElement>("/api/notifications/unread-count")).GetProperty("unread").GetInt64();
}
