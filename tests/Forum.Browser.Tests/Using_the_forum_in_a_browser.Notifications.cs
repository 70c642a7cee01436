using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;
using Microsoft.Playwright;

namespace Forum.Browser.Tests;

/// <summary>The bell, the notifications page and the watch buttons, in a real browser.</summary>
public sealed partial class Using_the_forum_in_a_browser
{
    /// <summary>200 mathematical bold capitals and no space: a title no browser can break at a word.</summary>
    private static readonly string HostileTitle = string.Concat(Enumerable.Range(0, 200).Select(i => char.ConvertFromUtf32(0x1D400 + i % 26)));

    /// <summary>A 60-character address, one unbreakable word in an excerpt.</summary>
    private const string LongUrl = "https://example.org/duong-dan-rat-dai-khong-co-cho-ngat-0123";

    [Fact]
    public async Task A_member_sees_a_comment_on_their_post_by_the_bell_and_opening_it_reads_it()
    {
        const string title = "Hỏi về đổi bằng lái xe — 운전면허 교환";
        using var author = await forum.SignUpAsync("chủ_bài_chuông");
        var postId = await PublishAsync(author, "hoi-dap", title);
        using var reader = await forum.SignUpAsync("bạn_đọc_chuông");
        var commentId = await CommentAsync(reader, postId, "Bạn cần mang hộ chiếu và bằng gốc nhé.");
        await UnreadAsync(author, 1);

        var page = await forum.NewPageAsync(width: 1366);
        await SignInAsync(page, "chủ_bài_chuông");
        var bell = page.GetByRole(AriaRole.Link, new() { Name = "Thông báo: 1 chưa đọc", Exact = true });
        await Assertions.Expect(bell).ToBeVisibleAsync();
        await Assertions.Expect(bell.Locator(".bell-count")).ToHaveTextAsync("1");

        await bell.ClickAsync();
        await page.WaitForURLAsync("**/notifications");
        var item = page.Locator("li.notification", new() { HasText = title });
        Assert.Contains($"bạn_đọc_chuông đã bình luận về bài «{title}»", await item.Locator(".what").InnerTextAsync());
        Assert.Contains("Bạn cần mang hộ chiếu", await item.Locator(".excerpt").InnerTextAsync());
        Assert.Equal("notification unread", await item.GetAttributeAsync("class"));
        Assert.Contains("Mới", await item.InnerTextAsync());

        await item.Locator(".what a").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/posts/{postId}?comment={commentId}#c-{commentId}", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator($"#c-{commentId}")).ToContainTextAsync("Bạn cần mang hộ chiếu");

        // Opening it read it: the bell is quiet, and there is nothing left to mark.
        await Assertions.Expect(page.Locator(".bell-count")).ToHaveCountAsync(0);
        await page.GotoAsync("/notifications");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Đánh dấu tất cả là đã đọc" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Thông báo", Exact = true })).ToBeVisibleAsync();
        Assert.Equal("notification read", await page.Locator("li.notification", new() { HasText = title }).GetAttributeAsync("class"));
        Assert.Equal(0, await page.Locator("li.notification.unread").CountAsync());
    }

    [Fact]
    public async Task The_notifications_page_says_each_kind_in_words_keeps_hostile_text_in_its_column_and_speaks_English()
    {
        using var author = await forum.SignUpAsync("tác_giả_khó_chịu");
        using var reader = await forum.SignUpAsync("người_ghé_thăm");
        var hostile = await PublishAsync(author, "doi-song", HostileTitle);
        await CommentAsync(reader, hostile, $"Xem thêm ở {LongUrl} và {HostileTitle[..40]}");
        (await reader.PutAsync($"/api/posts/{hostile}/like", null)).EnsureSuccessStatusCode();
        // A reply: the author comments on the reader's post, and the reader answers.
        var readersPost = await PublishAsync(reader, "doi-song", "Chợ Việt ở Ansan — 안산 베트남 시장");
        var asked = await CommentAsync(author, readersPost, "Chợ mở cửa mấy giờ?");
        await CommentAsync(reader, readersPost, "Từ 9 giờ sáng, chủ nhật cũng mở.", asked);
        await UnreadAsync(author, 3);

        var page = await forum.NewPageAsync(width: 1366);
        await SignInAsync(page, "tác_giả_khó_chịu");
        await page.GotoAsync("/notifications");
        var sentences = await page.Locator("li.notification .what a").AllInnerTextsAsync();
        Assert.Contains($"người_ghé_thăm đã bình luận về bài «{HostileTitle}»", sentences);
        Assert.Contains($"người_ghé_thăm đã thích bài «{HostileTitle}»", sentences);
        Assert.Contains("người_ghé_thăm đã trả lời bình luận của bạn trong bài «Chợ Việt ở Ansan — 안산 베트남 시장»", sentences);
        var likes = page.Locator("li.notification", new() { HasText = "đã thích bài" });
        // Unread, it opens through the list, which marks it read on the way to the post.
        Assert.Contains($"post={hostile}", await likes.Locator(".what a").GetAttributeAsync("href"));

        await AssertFitsAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "notifications.png"), FullPage = true });
        var poor = await page.EvaluateAsync<string[]>(LowContrastTexts);
        Assert.True(poor.Length == 0, $"/notifications has text below 4.5:1: {string.Join("; ", poor)}");

        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        await AssertFitsAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "notifications-phone.png"), FullPage = true });

        // One marked as read: the others stay unread, and the bell counts them.
        await likes.GetByRole(AriaRole.Button, new() { Name = "Đánh dấu đã đọc" }).ClickAsync();
        await Assertions.Expect(page.Locator("li.notification.unread")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".bell-count")).ToHaveTextAsync("2");

        await page.GotoAsync("/language/en?returnUrl=/notifications");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Notifications: 2 unread", Exact = true })).ToBeVisibleAsync();
        sentences = await page.Locator("li.notification .what a").AllInnerTextsAsync();
        Assert.Contains($"người_ghé_thăm commented on your post “{HostileTitle}”", sentences);
        Assert.Contains($"người_ghé_thăm liked your post “{HostileTitle}”", sentences);
        Assert.Contains("người_ghé_thăm replied to your comment on “Chợ Việt ở Ansan — 안산 베트남 시장”", sentences);
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Mark all as read" }).IsVisibleAsync());
    }

    [Fact]
    public async Task Without_JavaScript_a_member_marks_all_as_read_and_a_reader_who_is_not_signed_in_is_asked_to()
    {
        using var author = await forum.SignUpAsync("chủ_bài_không_js");
        var postId = await PublishAsync(author, "tin-tuc", "Không cần JavaScript");
        using var reader = await forum.SignUpAsync("bạn_không_js");
        await CommentAsync(reader, postId, "Trang vẫn chạy!");
        await UnreadAsync(author, 1);

        var context = await forum.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = forum.Gateway.BaseAddress.ToString().TrimEnd('/'),
            JavaScriptEnabled = false,
            Locale = "vi-VN",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/notifications");
        await page.WaitForURLAsync("**/account/sign-in?*");

        await SignInAsync(page, "chủ_bài_không_js");
        await page.GotoAsync("/notifications");
        await Assertions.Expect(page.Locator(".bell-count")).ToHaveTextAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đánh dấu tất cả là đã đọc" }).ClickAsync();
        await page.WaitForURLAsync("**/notifications");
        await Assertions.Expect(page.Locator(".bell-count")).ToHaveCountAsync(0);
        Assert.Equal(0, await page.Locator("li.notification.unread").CountAsync());
        Assert.Equal(0, (await author.GetFromJsonAsync<JsonElement>("/api/notifications/unread-count")).GetProperty("unread").GetInt64());
    }

    [Fact]
    public async Task Members_see_a_watch_button_on_posts_and_boards_and_readers_who_are_not_signed_in_do_not()
    {
        using var author = await forum.SignUpAsync("người_theo_dõi");
        var postId = await PublishAsync(author, "viec-lam", "Tìm việc ở Gimhae — 김해");
        await Eventually.ValueAsync(async () => (await forum.Client.GetAsync($"/api/posts/{postId}")).StatusCode, s => s == System.Net.HttpStatusCode.OK);

        var anonymous = await forum.NewPageAsync();
        foreach (var path in new[] { $"/posts/{postId}", "/boards/viec-lam" })
        {
            await anonymous.GotoAsync(path);
            Assert.Equal(0, await anonymous.Locator("form.watch").CountAsync());
        }

        var page = await forum.NewPageAsync();
        await SignInAsync(page, "người_theo_dõi");
        var watch = page.GetByRole(AriaRole.Button, new() { Name = "Theo dõi", Exact = true });
        var unwatch = page.GetByRole(AriaRole.Button, new() { Name = "Bỏ theo dõi", Exact = true });

        // The author watches their own post from the start; the button says so and undoes it.
        await page.GotoAsync($"/posts/{postId}");
        await Assertions.Expect(unwatch).ToBeVisibleAsync();
        await unwatch.ClickAsync();
        await Assertions.Expect(watch).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(watch).ToBeVisibleAsync();

        // A board is watched only when asked, and the choice holds across a reload.
        await page.GotoAsync("/boards/viec-lam");
        await Assertions.Expect(watch).ToBeVisibleAsync();
        await watch.ClickAsync();
        await Assertions.Expect(unwatch).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(unwatch).ToBeVisibleAsync();
        await unwatch.ClickAsync();
        await Assertions.Expect(watch).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_member_named_with_at_sees_who_mentioned_them_and_the_name_is_a_link_to_their_page()
    {
        using var named = await forum.SignUpAsync("Trần_Thị_Nhắc");
        using var writer = await forum.SignUpAsync("người_viết_nhắc");
        var postId = await PublishAsync(writer, "hoi-dap", "Ai biết chỗ đổi tiền ở Itaewon? — 이태원 환전소");
        // The services hear of a new member a moment after they register; until then the name is plain text.
        Guid commentId;
        do
        {
            commentId = await CommentAsync(writer, postId, "Hỏi @trần_thị_nhắc nhé, bạn ấy biết. Còn @không_ai_cả thì không.");
        }
        while (!await LinkedAsync(writer, postId, commentId));

        var page = await forum.NewPageAsync(width: 1366);
        await SignInAsync(page, "Trần_Thị_Nhắc");
        await page.GotoAsync("/notifications");
        var mention = page.Locator("li.notification", new() { HasText = "đã nhắc đến bạn" });
        Assert.Equal("người_viết_nhắc đã nhắc đến bạn trong bài «Ai biết chỗ đổi tiền ở Itaewon? — 이태원 환전소»", await mention.Locator(".what a").InnerTextAsync());
        await mention.Locator(".what a").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/posts/{postId}?comment={commentId}#c-{commentId}", StringComparison.Ordinal));
        // Opened, it is read: the bell has nothing more to say.
        await Assertions.Expect(page.Locator(".bell-count")).ToHaveCountAsync(0);

        var link = page.Locator($"#c-{commentId} a.mention");
        await Assertions.Expect(link).ToHaveTextAsync("@trần_thị_nhắc");
        Assert.Equal($"/users/{Uri.EscapeDataString("Trần_Thị_Nhắc")}", await link.GetAttributeAsync("href"));
        await Assertions.Expect(page.Locator($"#c-{commentId} .body")).ToContainTextAsync("@không_ai_cả thì không");
        Assert.Equal(1, await page.Locator($"#c-{commentId} a.mention").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "mention.png") });
        await link.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/users/", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Trần_Thị_Nhắc");
    }

    /// <summary>Whether the comment, as the read model has it, names its member with a link.</summary>
    private static async Task<bool> LinkedAsync(HttpClient api, Guid postId, Guid commentId)
    {
        var html = await Eventually.ValueAsync(async () =>
            (await api.GetFromJsonAsync<JsonElement>($"/api/posts/{postId}/comments")).GetProperty("comments").EnumerateArray()
                .FirstOrDefault(c => c.GetProperty("id").GetGuid() == commentId) is { ValueKind: JsonValueKind.Object } c ? c.GetProperty("bodyHtml").GetString() : null,
            what: "the comment in the read model");
        return html.Contains("class=\"mention\"", StringComparison.Ordinal);
    }

    private static async Task<Guid> PublishAsync(HttpClient api, string board, string title, string body = "Nội dung **ngắn**.")
    {
        var created = await api.PostAsJsonAsync("/api/posts", new { board, title, body });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A comment through the API; the comments service learns of a new post from its event, so a 404 is tried again.</summary>
    private static async Task<Guid> CommentAsync(HttpClient api, Guid postId, string body, Guid? parentId = null)
    {
        var added = await Eventually.ValueAsync(
            () => api.PostAsJsonAsync($"/api/posts/{postId}/comments", new { body, parentId }),
            r => r.StatusCode != System.Net.HttpStatusCode.NotFound, what: "the comments service to know the post");
        added.EnsureSuccessStatusCode();
        return (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Waits until the member has <paramref name="count"/> unread notifications: they are made from events, a moment after the writes.</summary>
    private static async Task UnreadAsync(HttpClient member, long count)
    {
        var unread = await Eventually.ValueAsync(
            async () => (await member.GetFromJsonAsync<JsonElement>("/api/notifications/unread-count")).GetProperty("unread").GetInt64(),
            n => n == count, TimeSpan.FromSeconds(30));
        Assert.Equal(count, unread);
    }

    /// <summary>Nothing is wider than the window, and every notification stays inside the page's column.</summary>
    private static async Task AssertFitsAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<string[]>("""
            () => {
              const wide = [];
              if (document.documentElement.scrollWidth > window.innerWidth) wide.push(`page ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
              const column = document.querySelector('main').getBoundingClientRect();
              for (const el of document.querySelectorAll('li.notification, li.notification *')) {
                const box = el.getBoundingClientRect();
                if (box.right > column.right + 0.5 || el.scrollWidth > el.clientWidth + 1)
                  wide.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(box.right)} > ${Math.round(column.right)}`);
              }
              return wide;
            }
            """);
        Assert.True(overflow.Length == 0, $"{page.ViewportSize?.Width} px: {string.Join("; ", overflow)}");
    }
}
