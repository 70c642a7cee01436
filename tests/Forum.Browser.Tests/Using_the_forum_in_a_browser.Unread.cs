using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;
using Microsoft.Playwright;

namespace Forum.Browser.Tests;

/// <summary>Unread marks in the pages: what is new to a returning member, the "new" filter, the first unread comment, mark as read.</summary>
public sealed partial class Using_the_forum_in_a_browser
{
    [Fact]
    public async Task A_member_who_read_two_of_five_new_posts_returns_on_a_phone_to_three_marked_new_and_a_post_opens_at_its_first_unread_comment()
    {
        const string board = "tin-moi-web";
        await forum.CreateBoardAsync(board, "Tin mới — 새 소식");
        using var author = await forum.SignUpAsync("người_đăng_tin_mới");
        const string name = "độc_giả_quay_lại";
        (await forum.SignUpAsync(name)).Dispose();
        string[] titles = ["Lịch nghỉ Tết ở Hà Nội", HostileTitle, "서울 지하철 새 노선", "Địa chỉ: " + LongUrl, "Ưu đãi cuối tuần — ả ã á ạ à ẳ ẵ ắ ặ ằ"];
        var posts = new List<Guid>();
        foreach (var title in titles)
        {
            posts.Add(await PublishAsync(author, board, title));
        }
        await CommentAsync(author, posts[2], "Tuyến mới mở tháng sau.");
        await CommentAsync(author, posts[2], "다음 달에 개통합니다.");
        var onTheLast = new List<Guid>();
        for (var i = 1; i <= 22; i++)
        {
            onTheLast.Add(await CommentAsync(author, posts[4], $"Bình luận số {i}: giảm giá {i}%."));
        }
        await Eventually.ValueAsync(async () => (await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{posts[4]}/comments")).GetProperty("total").GetInt64(),
            total => total == 22, what: "the comments in the read model");
        await Eventually.ValueAsync(async () => (await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{posts[2]}/comments")).GetProperty("total").GetInt64(),
            total => total == 2, what: "the comments in the read model");

        // On a desktop every post is new; the member opens two of them and leaves.
        var desktop = await forum.NewPageAsync(width: 1366);
        await SignInAsync(desktop, name);
        await desktop.GotoAsync($"/boards/{board}");
        await Assertions.Expect(desktop.Locator("table.posts .badge.new")).ToHaveCountAsync(5);
        foreach (var read in posts.Take(2))
        {
            await desktop.Locator($"tr[data-post='{read}'] td.title a").ClickAsync();
            await desktop.WaitForURLAsync($"**/posts/{read}");
            await desktop.GoBackAsync();
        }
        await desktop.Context.CloseAsync();

        // Back on a phone: exactly the other three are new, with their unread comment counts.
        var phone = await forum.NewPageAsync(width: 390);
        await phone.SetViewportSizeAsync(390, 844);
        await SignInAsync(phone, name);
        await phone.GotoAsync($"/boards/{board}");
        var marked = phone.Locator("tr.unread");
        await Assertions.Expect(marked).ToHaveCountAsync(3);
        Assert.Equal(posts.Skip(2).Reverse().Select(p => p.ToString()), await marked.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.post)"));
        await Assertions.Expect(phone.Locator("table.posts .badge.new")).ToHaveCountAsync(3);
        await Assertions.Expect(phone.Locator($"tr[data-post='{posts[2]}'] .unread-comments")).ToHaveTextAsync("2 chưa đọc");
        await Assertions.Expect(phone.Locator($"tr[data-post='{posts[4]}'] .unread-comments")).ToHaveTextAsync("22 chưa đọc");
        await Assertions.Expect(phone.Locator($"tr[data-post='{posts[0]}'] .badge.new")).ToHaveCountAsync(0);
        await AssertNoWiderThanTheWindowAsync(phone);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "unread-board-390.png"), FullPage = true });
        // The home page marks them too.
        await phone.GotoAsync("/");
        await Assertions.Expect(phone.Locator($"tr[data-post='{posts[3]}'] .badge.new")).ToHaveCountAsync(1);
        await Assertions.Expect(phone.Locator($"tr[data-post='{posts[1]}'] .badge.new")).ToHaveCountAsync(0);

        // The "new" filter lists only those three.
        await phone.GotoAsync($"/boards/{board}");
        await phone.GetByRole(AriaRole.Link, new() { Name = "Mới với bạn" }).ClickAsync();
        await Assertions.Expect(phone.Locator("table.posts tbody tr")).ToHaveCountAsync(3);

        // Reading the first page of the busy post's comments leaves two unread; opening it again
        // goes to the second page, at the first of them.
        await phone.GotoAsync($"/posts/{posts[4]}");
        await Assertions.Expect(phone.Locator($"#c-{onTheLast[19]}")).ToHaveCountAsync(1);
        await phone.GotoAsync($"/boards/{board}");
        await Assertions.Expect(phone.Locator($"tr[data-post='{posts[4]}'] .unread-comments")).ToHaveTextAsync("2 chưa đọc");
        await Assertions.Expect(phone.Locator($"tr[data-post='{posts[4]}'] .badge.new")).ToHaveCountAsync(0);
        await phone.Locator($"tr[data-post='{posts[4]}'] td.title a").ClickAsync();
        await phone.WaitForURLAsync($"**/posts/{posts[4]}?comment={onTheLast[20]}#c-{onTheLast[20]}");
        await Assertions.Expect(phone.Locator("#unread")).ToHaveTextAsync("Chưa đọc từ đây");
        await Assertions.Expect(phone.Locator($"#c-{onTheLast[20]}")).ToBeInViewportAsync();
        await Assertions.Expect(phone.Locator($"#c-{onTheLast[0]}")).ToHaveCountAsync(0);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "unread-post-390.png") });

        // Marking the board read clears every mark.
        await phone.GotoAsync($"/boards/{board}");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Đánh dấu đã đọc hết" }).ClickAsync();
        await Assertions.Expect(phone.Locator("tr.unread")).ToHaveCountAsync(0);
        await phone.GetByRole(AriaRole.Link, new() { Name = "Mới với bạn" }).ClickAsync();
        await Assertions.Expect(phone.Locator("p.empty")).ToHaveTextAsync("Không có gì mới từ lần bạn đọc trước.");
    }
}
