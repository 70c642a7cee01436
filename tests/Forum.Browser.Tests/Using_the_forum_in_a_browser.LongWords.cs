using System.Net.Http.Json;
using Forum.Testing;
using Microsoft.Playwright;

namespace Forum.Browser.Tests;

/// <summary>Words with no place to break, on every page that lists or shows a post, at both widths.</summary>
public sealed partial class Using_the_forum_in_a_browser
{
    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task A_200_letter_title_and_a_long_address_wrap_in_their_column_and_every_row_keeps_its_author_date_and_counts_in_view(int width, int height)
    {
        var board = $"chu-dai-{width}";
        await forum.CreateBoardAsync(board, "Chữ dài 𝐋𝐎𝐍𝐆 긴 글");
        using var author = await forum.SignUpAsync($"tác_giả_chữ_dài_{width}");
        var tame = await PublishAsync(author, board, "Tin ngắn về nhà trọ ở Seoul 서울", "Giá phòng tháng này.");
        var hostile = await PublishAsync(author, board, HostileTitle, $"Nhà trọ gần ga, xem {LongUrl} và {HostileTitle}");
        var addressed = await PublishAsync(author, board, "Địa chỉ " + LongUrl, "Ảnh phòng: " + LongUrl);
        await Eventually.ValueAsync(() => forum.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/boards/{board}/posts"),
            listing => listing.GetProperty("totalPosts").GetInt32() == 3, what: "the three posts listed");

        var page = await forum.NewPageAsync(width: width);
        await page.SetViewportSizeAsync(width, height);
        await SignInAsync(page, $"tác_giả_chữ_dài_{width}");

        foreach (var (name, path) in new[] { ("board", $"/boards/{board}"), ("home", "/"), ("search", "/search?q=nha+tro+gan+ga") })
        {
            await page.GotoAsync(path);
            await AssertNoWiderThanTheWindowAsync(page);
            var row = page.Locator($"tr[data-post=\"{hostile}\"]");
            await Assertions.Expect(row.Locator("td.title")).ToHaveTextAsync(HostileTitle);
            foreach (var cell in new[] { "td.author", "td.date", "td.likes", "td.views", "td.comments" })
            {
                await AssertInViewAsync(page, row.Locator(cell), $"{cell} of the long title's row on the {name} page at {width} px");
            }
            if (name == "board")
            {
                foreach (var other in new[] { tame, addressed })
                {
                    await AssertInViewAsync(page, page.Locator($"tr[data-post=\"{other}\"] td.comments"), $"the counts of another row on the board page at {width} px");
                    await AssertInViewAsync(page, page.Locator($"tr[data-post=\"{other}\"] td.title a"), $"another row's title on the board page at {width} px");
                }
            }
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, $"long-words-{name}-{width}.png"), FullPage = true });
        }

        await page.GotoAsync($"/posts/{hostile}");
        await AssertNoWiderThanTheWindowAsync(page);
        await Assertions.Expect(page.Locator("article.post h1")).ToContainTextAsync(HostileTitle);
        await AssertInViewAsync(page, page.Locator("article.post .meta .views"), $"the post page's counts at {width} px");
        await AssertInViewAsync(page, page.Locator("article.post .body a[href=\"" + LongUrl + "\"]"), $"the long address in the body at {width} px");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, $"long-words-post-{width}.png"), FullPage = true });
    }

    [Fact]
    public async Task On_a_phone_the_header_is_one_row_at_most_64_px_high_signed_in_or_not_and_every_link_in_it_is_reached()
    {
        var phone = await forum.NewPageAsync(width: 390);
        await phone.SetViewportSizeAsync(390, 844);
        await phone.GotoAsync("/boards/tin-tuc");
        await AssertHeaderHeightAsync(phone, "a visitor's header");

        (await forum.SignUpAsync("thành_viên_có_tên_dài_đầu_trang")).Dispose();
        await SignInAsync(phone, "thành_viên_có_tên_dài_đầu_trang");
        await phone.GotoAsync("/boards/tin-tuc");
        await AssertHeaderHeightAsync(phone, "a member's header");
        await AssertNoWiderThanTheWindowAsync(phone);
        // The links past the screen's edge are in the strip: scrolled to, they are there to press.
        var settings = phone.Locator(".site-header a[href=\"/account/settings\"]");
        await settings.ScrollIntoViewIfNeededAsync();
        await AssertInViewAsync(phone, settings, "the settings link, scrolled to");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "header-member-390.png") });
    }

    private static async Task AssertHeaderHeightAsync(IPage page, string what)
    {
        var height = await page.Locator(".site-header").EvaluateAsync<double>("header => header.getBoundingClientRect().height");
        Assert.True(height <= 64, $"{what} is {height} px high on a phone");
    }

    /// <summary>The element is on screen, its whole width inside the window (scrolled to, if it is below the fold).</summary>
    private static async Task AssertInViewAsync(IPage page, ILocator element, string what)
    {
        await element.ScrollIntoViewIfNeededAsync();
        var box = await element.BoundingBoxAsync();
        var width = await page.EvaluateAsync<int>("() => window.innerWidth");
        Assert.True(box is not null && box.Width > 0 && box.X >= 0 && box.X + box.Width <= width + 0.5,
            $"{what} is {(box is null ? "not shown" : $"at x {box.X}..{box.X + box.Width}")} in a {width} px window");
    }
}
