using System.Net.Http.Json;
using Forum.Testing;
using Microsoft.Playwright;

namespace Forum.Browser.Tests;

/// <summary>The like button, a toggle that shows the member's like and the count.</summary>
public sealed partial class Using_the_forum_in_a_browser
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_member_likes_a_post_then_takes_the_like_back_and_the_button_and_the_count_say_so_after_each(bool javaScript)
    {
        var how = javaScript ? "js" : "html";
        var id = await PublishAsync($"tác_giả_thích_{how}", "tin-tuc", $"Thích rồi bỏ thích 좋아요 ({how})", "Nội dung **ngắn**.");
        var name = $"người_thích_bỏ_{how}";
        (await forum.SignUpAsync(name)).Dispose();
        var context = await forum.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = forum.Gateway.BaseAddress.ToString().TrimEnd('/'),
            Locale = "vi-VN",
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await context.NewPageAsync();
        await SignInAsync(page, name);
        await Eventually.ValueAsync(async () => (await page.GotoAsync($"/posts/{id}"))!.Status, status => status == 200, what: "the post's page");

        var like = page.GetByRole(AriaRole.Button, new() { Name = "Thích", Exact = true });
        var counted = page.Locator("article.post .meta [data-likes]");
        await AssertLikeShownAsync(like, counted, pressed: false, count: 0);
        var size = (await like.BoundingBoxAsync())!;
        Assert.True(size.Height >= 44, $"the like button is {size.Height} px high: too small for a thumb");

        await like.ClickAsync();
        await AssertLikeShownAsync(like, counted, pressed: true, count: 1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, $"like-pressed-390-{how}.png") });
        // The page loaded afresh says the same (a script's like reaches the read model a moment later).
        await Eventually.ValueAsync(async () =>
        {
            await page.ReloadAsync();
            return await like.GetAttributeAsync("aria-pressed");
        }, pressed => pressed == "true", what: "the like on a fresh load");
        await AssertLikeShownAsync(like, counted, pressed: true, count: 1);

        await like.ClickAsync();
        await AssertLikeShownAsync(like, counted, pressed: false, count: 0);
        await Eventually.ValueAsync(async () =>
        {
            await page.ReloadAsync();
            return await like.GetAttributeAsync("aria-pressed");
        }, pressed => pressed == "false", what: "the like taken back on a fresh load");
        await AssertLikeShownAsync(like, counted, pressed: false, count: 0);
        var post = await Eventually.ValueAsync(() => forum.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/posts/{id}"),
            p => p.GetProperty("likes").GetInt64() == 0, what: "no like left on the post");
        Assert.Equal(0, post.GetProperty("likes").GetInt64());
        await context.CloseAsync();
    }

    private static async Task AssertLikeShownAsync(ILocator like, ILocator counted, bool pressed, int count)
    {
        await Assertions.Expect(like).ToHaveAttributeAsync("aria-pressed", pressed ? "true" : "false");
        await Assertions.Expect(like.Locator(".like-count")).ToHaveTextAsync($"{count}");
        await Assertions.Expect(counted).ToHaveTextAsync($"{count}");
    }
}
