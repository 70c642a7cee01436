using System.Net.Http.Json;
using Forum.Testing;
using Microsoft.Playwright;

namespace Forum.Browser.Tests;

/// <summary>The pages a member uses every day, at a desktop's width and a phone's, with the forum's own name.</summary>
public sealed partial class Using_the_forum_in_a_browser
{
    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task The_board_post_compose_and_statistics_pages_fit_the_width_carry_the_site_s_name_and_the_statistics_give_totals(int width, int height)
    {
        var name = $"thành_viên_trang_{width}";
        using var api = await forum.SignUpAsync(name);
        var created = await api.PostAsJsonAsync("/api/posts", new { board = "tin-tuc", title = $"Lễ hội mùa đông ở Seoul 서울 겨울 축제 ({width})", body = "## Lịch\n\n- Thứ bảy: **chợ đêm**\n- Chủ nhật: 공연\n\nXem " + LongUrl });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();

        var page = await forum.NewPageAsync(width: width);
        await page.SetViewportSizeAsync(width, height);
        await SignInAsync(page, name);
        foreach (var (what, path) in new[] { ("board", "/boards/tin-tuc"), ("post", $"/posts/{id}"), ("compose", "/compose"), ("statistics", "/stats") })
        {
            await Eventually.ValueAsync(async () => (await page.GotoAsync(path))!.Status, status => status == 200, what: $"the {what} page");
            await Assertions.Expect(page.Locator(".site-header .brand")).ToHaveTextAsync(BrowserFixture.SiteName);
            Assert.EndsWith($" · {BrowserFixture.SiteName}", await page.TitleAsync());
            await AssertNoWiderThanTheWindowAsync(page);
            if (width < 400)
            {
                await AssertHeaderHeightAsync(page, $"the {what} page's header");
            }
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, $"{what}-{width}.png"), FullPage = true });
        }

        // The statistics say how much happened, each count named, and the axis reads in round steps.
        var posts = long.Parse((await page.Locator("[data-total=posts]").InnerTextAsync()).Replace(".", "").Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(posts >= 1, $"the statistics count {posts} posts in 30 days");
        await Assertions.Expect(page.Locator(".totals dt")).ToHaveTextAsync(["Bài viết", "Bình luận", "Thích", "Lượt xem"]);
        var ticks = await page.Locator("svg text.tick[text-anchor=end]").AllTextContentsAsync();
        Assert.Equal(5, ticks.Count);
        Assert.Equal("0", ticks[0]);
        var days = await page.Locator("table.days tbody tr").CountAsync();
        Assert.True(days >= 30, $"the table shows {days} days");
        await Assertions.Expect(page.Locator("svg text.tick[text-anchor=middle]").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^\\d{2}/\\d{2}/\\d{4}$"));

        // The feed carries the name too.
        var feed = await forum.Client.GetStringAsync("/boards/tin-tuc/feed");
        Assert.Contains($"<author><name>{BrowserFixture.SiteName}</name></author>", feed);
    }
}
