using Forum.Testing;
using Microsoft.Playwright;

namespace Forum.Browser.Tests;

/// <summary>The admin pages, in a real browser, on a phone and a desktop.</summary>
public sealed partial class Using_the_forum_in_a_browser
{
    [Fact]
    public async Task An_admin_creates_and_renames_a_board_and_a_refused_name_is_answered_beside_its_field_with_nothing_typed_lost()
    {
        var admin = await forum.NewPageAsync(width: 390);
        await SignInAsync(admin, ForumSystem.AdminName);
        await admin.GotoAsync("/moderation");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Quản lý chuyên mục" }).ClickAsync();
        await admin.WaitForURLAsync("**/admin/boards");

        // A name of 101 mathematical-bold letters is one too many: said beside the form, the slug kept.
        var form = admin.Locator("form", new() { Has = admin.Locator("#new-slug") });
        await form.GetByLabel("Địa chỉ (slug)").FillAsync("hoi-dap-quan-tri");
        await form.GetByLabel("Tên chuyên mục").FillAsync(string.Concat(Enumerable.Repeat("𝐁", 101)));
        await form.GetByRole(AriaRole.Button, new() { Name = "Tạo chuyên mục" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#error-new")).ToContainTextAsync("100");
        await Assertions.Expect(admin.Locator("#new-slug")).ToHaveValueAsync("hoi-dap-quan-tri");
        await Assertions.Expect(admin.Locator("#new-slug")).ToHaveAttributeAsync("aria-invalid", "true");
        await AssertNoWiderThanTheWindowAsync(admin);

        const string name = "Hỏi đáp 질문과 답변 — Ẩm thực Sài Gòn";
        await form.GetByLabel("Tên chuyên mục").FillAsync(name);
        await form.GetByLabel("Mô tả").FillAsync("Mọi câu hỏi về đời sống ở Hàn Quốc 한국 생활");
        await form.GetByRole(AriaRole.Button, new() { Name = "Tạo chuyên mục" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã lưu chuyên mục hoi-dap-quan-tri.");
        var board = admin.Locator("#b-hoi-dap-quan-tri");
        await Assertions.Expect(board.Locator("h2")).ToHaveTextAsync(name);

        // Renamed and moved to the end of the list; the address stays.
        const string renamed = "Hỏi đáp 한국 생활 — Đời sống";
        await board.GetByLabel("Tên chuyên mục").FillAsync(renamed);
        await board.GetByLabel("Thứ tự (số nhỏ đứng trước)").FillAsync("9000");
        await board.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã lưu chuyên mục hoi-dap-quan-tri.");
        await Assertions.Expect(admin.Locator("ol.admin-list > li").Last.Locator("h2")).ToHaveTextAsync(renamed);
        await AssertNoWiderThanTheWindowAsync(admin);
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "admin-boards-390.png"), FullPage = true });
        await admin.SetViewportSizeAsync(1366, 900);
        await AssertNoWiderThanTheWindowAsync(admin);
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "admin-boards-1366.png"), FullPage = true });

        // The board page holds its board for half a second at most: it shows the new name soon after.
        await Eventually.ValueAsync(async () =>
        {
            await admin.GotoAsync("/boards/hoi-dap-quan-tri");
            return await admin.Locator("h1").InnerTextAsync();
        }, heading => heading == renamed, what: "the board page under its new name");
    }

    [Fact]
    public async Task An_admin_finds_members_by_name_makes_one_a_moderator_and_suspends_and_reinstates_another_on_a_phone()
    {
        (await forum.SignUpAsync("ứng_viên_kiểm_duyệt")).Dispose();
        (await forum.SignUpAsync("người_gây_rối_trang")).Dispose();
        var admin = await forum.NewPageAsync(width: 390);
        await SignInAsync(admin, ForumSystem.AdminName);
        await admin.GotoAsync("/admin/members");

        await admin.GetByLabel("Tìm thành viên theo tên").FillAsync("ỨNG_VIÊN");
        await admin.GetByLabel("Tìm thành viên theo tên").PressAsync("Enter");
        var candidate = admin.Locator(".member", new() { Has = admin.GetByRole(AriaRole.Link, new() { Name = "ứng_viên_kiểm_duyệt", Exact = true }) });
        await Assertions.Expect(candidate).ToHaveCountAsync(1);
        await candidate.GetByRole(AriaRole.Button, new() { Name = "Cho quyền kiểm duyệt" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("ứng_viên_kiểm_duyệt đã là người kiểm duyệt.");
        await Assertions.Expect(candidate.Locator(".badge")).ToHaveTextAsync("Kiểm duyệt viên");

        await admin.GetByLabel("Tìm thành viên theo tên").FillAsync("gây_rối");
        await admin.GetByLabel("Tìm thành viên theo tên").PressAsync("Enter");
        var troublemaker = admin.Locator("ol.admin-list").First.Locator(".member", new() { HasText = "người_gây_rối_trang" });
        await troublemaker.GetByLabel("Lý do (thành viên sẽ thấy)").FillAsync("Spam liên tục 광고 — xem " + LongUrl);
        await troublemaker.GetByLabel("Thời hạn").SelectOptionAsync("7");
        await troublemaker.GetByRole(AriaRole.Button, new() { Name = "Tạm khoá" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã tạm khoá người_gây_rối_trang.");
        var listed = admin.Locator("#suspended + ol .member", new() { HasText = "người_gây_rối_trang" });
        await Assertions.Expect(listed.Locator(".suspension")).ToContainTextAsync("Spam liên tục 광고");
        await AssertNoWiderThanTheWindowAsync(admin);
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "admin-members-390.png"), FullPage = true });
        await admin.SetViewportSizeAsync(1366, 900);
        await AssertNoWiderThanTheWindowAsync(admin);
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "admin-members-1366.png"), FullPage = true });

        await listed.GetByRole(AriaRole.Button, new() { Name = "Mở khoá" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã mở khoá cho người_gây_rối_trang.");
        await Assertions.Expect(admin.Locator("#suspended + ol .member", new() { HasText = "người_gây_rối_trang" })).ToHaveCountAsync(0);

        // Each change is in the moderation log, with the admin who made it.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Nhật ký kiểm duyệt" }).ClickAsync();
        await Assertions.Expect(admin.Locator("ol.moderation-log li", new() { HasText = "ứng_viên_kiểm_duyệt" })).ToContainTextAsync($"{ForumSystem.AdminName} · cho quyền kiểm duyệt: ứng_viên_kiểm_duyệt");
        await Assertions.Expect(admin.Locator("ol.moderation-log li", new() { HasText = "Spam liên tục 광고" })).ToContainTextAsync("người_gây_rối_trang");
    }
}
