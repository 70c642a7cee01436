using System.Net.Http.Json;
using Forum.Testing;
using Microsoft.Playwright;

namespace Forum.Browser.Tests;

/// <summary>Editing posts and comments in the pages, revisions, and an edit that someone else's came before.</summary>
public sealed partial class Using_the_forum_in_a_browser
{
    [Fact]
    public async Task A_member_edits_a_post_and_a_comment_a_reader_sees_the_revisions_and_a_stale_editor_is_told_and_loses_nothing()
    {
        const string author = "người_sửa_bài";
        const string firstTitle = "Giá thuê nhà ở Seoul 서울";
        var id = await PublishAsync(author, "hoi-dap", firstTitle, "Dòng một: 500.000 won.\nDòng hai không đổi.");
        var writer = await forum.NewPageAsync(width: 390);
        await writer.SetViewportSizeAsync(390, 844);
        await SignInAsync(writer, author);
        await Eventually.ValueAsync(async () => (await writer.GotoAsync($"/posts/{id}"))!.Status, status => status == 200, what: "the post's page");

        // A second tab opened on the edit page before the first edit: it holds version 1.
        var staleTab = await writer.Context.NewPageAsync();
        await staleTab.GotoAsync($"/posts/{id}/edit");

        await writer.GetByRole(AriaRole.Link, new() { Name = "Sửa", Exact = true }).ClickAsync();
        await Assertions.Expect(writer.GetByLabel("Tiêu đề")).ToHaveValueAsync(firstTitle);
        await writer.GetByLabel("Tiêu đề").FillAsync("Giá thuê nhà ở Seoul 서울 — cập nhật tháng 12");
        await writer.GetByLabel("Nội dung (Markdown)").FillAsync("Dòng một: 550.000 won.\nDòng hai không đổi.\nDòng ba mới: đặt cọc 10 triệu.");
        await writer.GetByRole(AriaRole.Button, new() { Name = "Lưu thay đổi" }).ClickAsync();
        await writer.WaitForURLAsync($"**/posts/{id}");
        await Assertions.Expect(writer.Locator("article.post h1")).ToContainTextAsync("cập nhật tháng 12");
        await Assertions.Expect(writer.Locator("article.post .body")).ToContainTextAsync("đặt cọc 10 triệu");

        // The tab that still shows version 1 saves: it is told, shown the saved version, and keeps its text.
        const string staleText = "Bản của tab cũ: giá 480.000 won 원.";
        await staleTab.GetByLabel("Nội dung (Markdown)").FillAsync(staleText);
        await staleTab.GetByRole(AriaRole.Button, new() { Name = "Lưu thay đổi" }).ClickAsync();
        await Assertions.Expect(staleTab.Locator(".conflict")).ToContainTextAsync("Có người đã lưu một bản sửa khác");
        await Assertions.Expect(staleTab.Locator(".conflict")).ToContainTextAsync("đặt cọc 10 triệu");
        await Assertions.Expect(staleTab.GetByLabel("Nội dung (Markdown)")).ToHaveValueAsync(staleText);
        await Assertions.Expect(staleTab.GetByLabel("Tiêu đề")).ToHaveValueAsync(firstTitle);
        await AssertNoWiderThanTheWindowAsync(staleTab);
        await staleTab.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "edit-conflict-390.png"), FullPage = true });
        // Nothing of the stale tab was saved.
        await writer.ReloadAsync();
        await Assertions.Expect(writer.Locator("article.post .body")).Not.ToContainTextAsync("tab cũ");

        // A reader sees the revisions, newest first, with what changed.
        var reader = await forum.NewPageAsync(width: 1366);
        await reader.GotoAsync($"/posts/{id}");
        await reader.GetByRole(AriaRole.Link, new() { Name = "Lịch sử sửa" }).ClickAsync();
        var revisions = reader.Locator("li.revision");
        await Assertions.Expect(revisions).ToHaveCountAsync(2);
        var newest = revisions.First;
        await Assertions.Expect(newest.Locator(".title-change del")).ToHaveTextAsync(firstTitle);
        await Assertions.Expect(newest.Locator(".title-change ins")).ToHaveTextAsync("Giá thuê nhà ở Seoul 서울 — cập nhật tháng 12");
        await Assertions.Expect(newest.Locator(".diff del")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Dòng một: 500\\.000 won\\."));
        await Assertions.Expect(newest.Locator(".diff ins")).ToHaveCountAsync(2);
        Assert.DoesNotContain("Dòng hai", await newest.Locator(".diff").InnerTextAsync());
        await Assertions.Expect(revisions.Last).ToContainTextAsync("Bản đầu tiên");
        await reader.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "revisions-1366.png"), FullPage = true });

        // The author edits a comment of theirs; nobody else is offered to.
        using var api = await forum.SignInAsync(author);
        var comment = await Eventually.ValueAsync(() => api.PostAsJsonAsync($"/api/posts/{id}/comments", new { body = "Cảm ơn mọi người 감사합니다" }),
            answer => answer.StatusCode == System.Net.HttpStatusCode.Created, what: "the comment");
        var commentId = (await comment.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.ValueAsync(async () =>
        {
            await writer.GotoAsync($"/posts/{id}?page=last");
            return await writer.Locator($"#c-{commentId}").CountAsync();
        }, count => count == 1, what: "the comment on the page");
        await writer.Locator($"#c-{commentId}").GetByRole(AriaRole.Link, new() { Name = "Sửa", Exact = true }).ClickAsync();
        await Assertions.Expect(writer.GetByLabel("Nội dung (Markdown)")).ToHaveValueAsync("Cảm ơn mọi người 감사합니다");
        await writer.GetByLabel("Nội dung (Markdown)").FillAsync("Cảm ơn mọi người 감사합니다 — đã tìm được nhà!");
        await writer.GetByRole(AriaRole.Button, new() { Name = "Lưu thay đổi" }).ClickAsync();
        await Assertions.Expect(writer.Locator($"#c-{commentId} .body")).ToContainTextAsync("đã tìm được nhà!");
        await Assertions.Expect(writer.Locator($"#c-{commentId} .edited")).ToContainTextAsync("đã sửa", new() { IgnoreCase = true });
        await reader.GotoAsync($"/posts/{id}?page=last");
        Assert.Equal(0, await reader.Locator($"#c-{commentId}").GetByRole(AriaRole.Link, new() { Name = "Sửa", Exact = true }).CountAsync());
    }

    [Fact]
    public async Task Publishing_with_a_chosen_image_not_yet_uploaded_puts_it_in_the_post_with_the_writer_s_alt_text()
    {
        const string name = "người_viết_ảnh_chọn";
        (await forum.SignUpAsync(name)).Dispose();
        var writer = await forum.NewPageAsync(width: 390);
        await SignInAsync(writer, name);
        await writer.GotoAsync("/compose");
        await writer.GetByLabel("Chuyên mục").SelectOptionAsync("doi-song");
        await writer.GetByLabel("Tiêu đề").FillAsync("Phòng trọ mới 새 방");
        await writer.GetByLabel("Nội dung (Markdown)").FillAsync("Ảnh phòng khách bên dưới.");
        await writer.GetByLabel("Chọn ảnh").SetInputFilesAsync(new FilePayload { Name = "IMG_20261207_0001.png", MimeType = "image/png", Buffer = SampleImages.Png });
        await writer.GetByLabel("Mô tả ảnh").FillAsync("Phòng khách có cửa sổ lớn 거실");
        await Assertions.Expect(writer.Locator(".image-field img.chosen-image")).ToBeVisibleAsync();
        await writer.GetByRole(AriaRole.Button, new() { Name = "Đăng bài" }).ClickAsync();
        await writer.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/posts/[0-9a-f-]{36}$"));
        var image = writer.Locator("article.post .body img");
        await Assertions.Expect(image).ToHaveAttributeAsync("alt", "Phòng khách có cửa sổ lớn 거실");
        await Assertions.Expect(image).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/upload/[0-9a-f]{64}\\.webp$"));
        Assert.DoesNotContain("IMG_2026", await writer.Locator("article.post").InnerHTMLAsync());
    }

    [Fact]
    public async Task An_empty_title_and_a_201_letter_title_are_refused_in_Vietnamese_next_to_the_field_marked_invalid_with_the_text_kept()
    {
        const string name = "người_viết_tiêu_đề_sai";
        (await forum.SignUpAsync(name)).Dispose();
        var writer = await forum.NewPageAsync(width: 1366);
        await SignInAsync(writer, name);
        await writer.GotoAsync("/compose");
        await writer.GetByLabel("Chuyên mục").SelectOptionAsync("doi-song");
        const string body = "Nội dung giữ nguyên: tiếng Việt có dấu ắằẳẵặ ỗồổốộ 한국어.";
        await writer.GetByLabel("Nội dung (Markdown)").FillAsync(body);

        // Enter in the title previews; it does not publish or upload.
        await writer.GetByLabel("Tiêu đề").PressAsync("Enter");
        await Assertions.Expect(writer.Locator("section.preview")).ToContainTextAsync("tiếng Việt có dấu");
        var title = writer.GetByLabel("Tiêu đề");
        await Assertions.Expect(title).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(writer.Locator("#post-title-error")).ToHaveTextAsync("Hãy đặt tiêu đề cho bài viết.");

        await writer.GetByRole(AriaRole.Button, new() { Name = "Đăng bài" }).ClickAsync();
        await Assertions.Expect(writer.Locator("#post-title-error")).ToHaveTextAsync("Hãy đặt tiêu đề cho bài viết.");
        await Assertions.Expect(title).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(title).ToHaveAttributeAsync("aria-describedby", "post-title-error");
        await Assertions.Expect(writer.GetByLabel("Nội dung (Markdown)")).ToHaveValueAsync(body);

        var tooLong = string.Concat(Enumerable.Repeat("𝐁", 201));
        await title.FillAsync(tooLong);
        // The field takes all 201 letters (no maxlength cuts them) and says so as they are typed.
        await Assertions.Expect(title).ToHaveValueAsync(tooLong);
        await Assertions.Expect(writer.Locator("#post-title-error")).ToHaveTextAsync("Tiêu đề dài tối đa 200 ký tự; tiêu đề này có 201 ký tự.");
        await writer.GetByRole(AriaRole.Button, new() { Name = "Đăng bài" }).ClickAsync();
        await Assertions.Expect(writer.Locator("#post-title-error")).ToHaveTextAsync("Tiêu đề dài tối đa 200 ký tự; tiêu đề này có 201 ký tự.");
        await Assertions.Expect(title).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(title).ToHaveValueAsync(tooLong);
        await Assertions.Expect(writer.GetByLabel("Nội dung (Markdown)")).ToHaveValueAsync(body);
        Assert.DoesNotContain("A title", await writer.Locator("main").InnerTextAsync());
        await AssertNoWiderThanTheWindowAsync(writer);
        await writer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "compose-errors-1366.png"), FullPage = true });

        // Exactly 200 letters is a title.
        await title.FillAsync(tooLong[..^2]);
        await writer.GetByRole(AriaRole.Button, new() { Name = "Đăng bài" }).ClickAsync();
        await writer.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/posts/[0-9a-f-]{36}$"));
        await Assertions.Expect(writer.Locator("article.post h1")).ToContainTextAsync(tooLong[..^2]);
    }
}
