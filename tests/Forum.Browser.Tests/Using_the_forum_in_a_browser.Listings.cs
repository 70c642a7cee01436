using System.Net.Http.Json;
using Forum.Testing;
using Microsoft.Playwright;

namespace Forum.Browser.Tests;

/// <summary>Board listings at both widths.</summary>
public sealed partial class Using_the_forum_in_a_browser
{
    [Fact]
    public async Task On_a_phone_every_count_in_a_listing_says_what_it_counts_likes_first_and_on_a_desktop_the_column_heads_do()
    {
        using var author = await forum.SignUpAsync("tác_giả_đếm");
        using var reader = await forum.SignUpAsync("người_thích_đếm");
        var post = await PublishAsync(author, "viec-lam", "Tuyển đầu bếp 요리사 모집 — " + LongUrl);
        await Eventually.ValueAsync(async () => (await reader.PutAsync($"/api/posts/{post}/like", null)).StatusCode, s => s == System.Net.HttpStatusCode.NoContent, what: "the like");
        await Eventually.ValueAsync(() => forum.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/posts/{post}"), p => p.GetProperty("likes").GetInt64() == 1, what: "the like counted");

        var phone = await forum.NewPageAsync(width: 390);
        await phone.GotoAsync("/boards/viec-lam");
        var row = phone.Locator($"tr[data-post=\"{post}\"]");
        await Assertions.Expect(row.Locator("td.likes")).ToHaveTextAsync("Thích 1");
        await Assertions.Expect(row.Locator("td.views")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Lượt xem \\d+$"));
        await Assertions.Expect(row.Locator("td.comments")).ToHaveTextAsync("Bình luận 0");
        await Assertions.Expect(row.Locator("td.likes .count-label")).ToBeVisibleAsync();
        var likes = (await row.Locator("td.likes").BoundingBoxAsync())!;
        var views = (await row.Locator("td.views").BoundingBoxAsync())!;
        var comments = (await row.Locator("td.comments").BoundingBoxAsync())!;
        Assert.True(likes.X < views.X && views.X < comments.X && likes.Y == views.Y && views.Y == comments.Y,
            $"likes at ({likes.X}, {likes.Y}), views at ({views.X}, {views.Y}), comments at ({comments.X}, {comments.Y}): one line, likes first");
        await AssertNoWiderThanTheWindowAsync(phone);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "board-counts-390.png"), FullPage = true });

        await phone.SetViewportSizeAsync(1366, 900);
        await Assertions.Expect(row.Locator("td.likes .count-label")).ToBeHiddenAsync();
        await Assertions.Expect(row.Locator("[data-count=\"likes\"]")).ToHaveTextAsync("1");
        await Assertions.Expect(phone.Locator("table.posts thead")).ToContainTextAsync("Thích");
        await AssertNoWiderThanTheWindowAsync(phone);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "board-counts-1366.png"), FullPage = true });
    }
}
