using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.System.Tests.Security;
using Forum.Testing;

namespace Forum.System.Tests.Administration;

/// <summary>
/// Admins rename boards in any script and order the board list, through either of two gateway
/// replicas; a refused edit changes nothing. Moderators and admins find members by part of their
/// name, compared as names are, and see who is suspended.
/// </summary>
[Collection(ModeratedForum.Name)]
public sealed class Administering_boards_and_members(ForumWithAModerator forum)
{
    private static async Task<IReadOnlyList<string>> SlugsAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/boards")).EnumerateArray().Select(b => b.GetProperty("slug").GetString()!)];

    private static async Task<JsonElement> BoardAsync(HttpClient client, string slug) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/boards")).EnumerateArray().Single(b => b.GetProperty("slug").GetString() == slug);

    [Fact]
    public async Task A_renamed_board_keeps_its_address_and_posts_and_the_board_list_follows_the_positions_admins_give_on_both_replicas()
    {
        await forum.CreateBoardAsync("quan-tri-mot", "Bảng một");
        await forum.CreateBoardAsync("quan-tri-hai", "Bảng hai");
        var post = await forum.Admin.PostAsJsonAsync("/api/posts", new { board = "quan-tri-hai", title = "Bài trong bảng hai", body = "Nội dung" });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        var otherReplica = forum.OnGateway(forum.Client, 1);
        await Eventually.ValueAsync(() => SlugsAsync(otherReplica), slugs => slugs.Contains("quan-tri-hai"), what: "both boards listed");
        var before = await SlugsAsync(forum.Client);
        Assert.True(before.ToList().IndexOf("quan-tri-mot") < before.ToList().IndexOf("quan-tri-hai"), "boards at one position stand oldest first");

        // Through the second replica: a new name in three scripts, and a place ahead of the first.
        const string name = "𝐓𝐢𝐧 𝐭𝐮̛́𝐜 뉴스 — Ẩm thực, Đời sống ở Hà Nội";
        var edited = await forum.OnGateway(forum.Admin, 1).PutAsJsonAsync("/api/boards/quan-tri-hai", new { name, description = "Chuyện 한국 và Việt Nam", position = 0 });
        Assert.Equal(HttpStatusCode.NoContent, edited.StatusCode);
        var moved = await forum.Admin.PutAsJsonAsync("/api/boards/quan-tri-mot", new { name = "Bảng một", description = "", position = 9000 });
        Assert.Equal(HttpStatusCode.NoContent, moved.StatusCode);
        foreach (var replica in new[] { forum.Client, otherReplica })
        {
            var slugs = await Eventually.ValueAsync(() => SlugsAsync(replica), s => s.ToList().IndexOf("quan-tri-hai") < s.ToList().IndexOf("quan-tri-mot"), what: "the new order");
            Assert.Equal("quan-tri-mot", slugs[^1]);
            // The post is counted when its event reaches the replica, which may be after the rename's.
            var board = await Eventually.ValueAsync(() => BoardAsync(replica, "quan-tri-hai"),
                b => b.GetProperty("name").GetString() == name && b.GetProperty("postCount").GetInt64() == 1, what: "the new name, with its post counted");
            Assert.Equal("Chuyện 한국 và Việt Nam", board.GetProperty("description").GetString());
        }
        var page = await Eventually.ValueAsync(() => forum.Client.GetStringAsync("/boards/quan-tri-hai"), html => html.Contains("뉴스"), what: "the board page under its new name");
        Assert.Contains("Bài trong bảng hai", page);

        // A refused edit changes nothing: the same edit again answers the version the good one left.
        var version = edited.Headers.ETag!.Tag;
        var refused = await forum.Admin.PutAsJsonAsync("/api/boards/quan-tri-hai", new { name = "hai\ndòng", description = "", position = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("position", out _));
        var again = await forum.Admin.PutAsJsonAsync("/api/boards/quan-tri-hai", new { name, description = "Chuyện 한국 và Việt Nam", position = 0 });
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(version, again.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NotFound, (await forum.Admin.PutAsJsonAsync("/api/boards/khong-co-bang-nay", new { name = "Không có" })).StatusCode);
    }

    [Fact]
    public async Task Members_are_found_by_part_of_their_name_whatever_its_case_and_a_look_alike_or_an_underscore_wildcard_finds_nothing_more()
    {
        (await forum.SignUpAsync("lê_thị_hà_tìm")).Dispose();
        (await forum.SignUpAsync("LÊ_THỊ_HÀ_TÌM_HAI")).Dispose();
        (await forum.SignUpAsync("lêxthị_hà_tìm_ba")).Dispose();
        (await forum.SignUpAsync("김민준_tìm")).Dispose();
        using var suspended = await forum.SignUpAsync("lê_thị_hà_tìm_bốn");
        Assert.Equal(HttpStatusCode.OK, (await forum.Moderator.PutAsJsonAsync("/api/accounts/lê_thị_hà_tìm_bốn/suspension", new { reason = "Quảng cáo 광고" })).StatusCode);

        async Task<string[]> FindAsync(HttpClient who, string q) =>
            [.. (await who.GetFromJsonAsync<JsonElement>($"/api/accounts?q={Uri.EscapeDataString(q)}")).EnumerateArray().Select(m => m.GetProperty("userName").GetString()!)];

        Assert.Equal(["LÊ_THỊ_HÀ_TÌM_HAI", "lê_thị_hà_tìm", "lê_thị_hà_tìm_bốn"], (await FindAsync(forum.Moderator, "Lê_Thị_Hà")).Order(StringComparer.Ordinal));
        Assert.Equal(["김민준_tìm"], await FindAsync(forum.OnGateway(forum.Admin, 1), "민준"));
        // A Cyrillic 'е' in place of the Latin 'e' is another name.
        Assert.Empty(await FindAsync(forum.Moderator, "lе_thị_hà"));

        var found = (await forum.Admin.GetFromJsonAsync<JsonElement>("/api/accounts?q=tìm_bốn")).EnumerateArray().Single();
        Assert.True(found.GetProperty("suspended").GetBoolean());
        Assert.Equal("Quảng cáo 광고", found.GetProperty("suspensionReason").GetString());
        Assert.Equal(0, found.GetProperty("roles").GetArrayLength());

        // Granting a role is found with the member, and the log says which admin did it.
        Assert.Equal(HttpStatusCode.NoContent, (await forum.OnGateway(forum.Admin, 1).PutAsync("/api/accounts/lê_thị_hà_tìm/roles/moderator", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Admin.PutAsync("/api/accounts/lê_thị_hà_tìm/roles/moderator", null)).StatusCode);
        var granted = (await forum.Admin.GetFromJsonAsync<JsonElement>("/api/accounts?q=lê_thị_hà_tìm")).EnumerateArray().First(m => m.GetProperty("userName").GetString() == "lê_thị_hà_tìm");
        Assert.Equal(["moderator"], granted.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var logged = (await forum.Moderator.GetFromJsonAsync<JsonElement>("/api/moderation/log")).GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("target").GetString() == "lê_thị_hà_tìm").ToList();
        var entry = Assert.Single(logged); // granted twice, changed once
        Assert.Equal(("grant_moderator", ForumSystem.AdminName), (entry.GetProperty("action").GetString(), entry.GetProperty("moderator").GetString()));

        foreach (var q in new[] { "", "   ", new string('a', 33) })
        {
            var refused = await forum.Moderator.GetAsync($"/api/accounts?q={Uri.EscapeDataString(q)}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_boards_page_is_for_admins_alone_and_the_members_page_for_moderators_too()
    {
        (await forum.SignUpAsync("thành_viên_tò_mò")).Dispose();

        Assert.Equal(HttpStatusCode.OK, await PageStatusAsync(ForumSystem.AdminName, "/admin/boards"));
        Assert.Equal(HttpStatusCode.OK, await PageStatusAsync(ForumSystem.AdminName, "/admin/members"));
        Assert.Equal(HttpStatusCode.Forbidden, await PageStatusAsync(ForumWithAModerator.ModeratorName, "/admin/boards"));
        Assert.Equal(HttpStatusCode.OK, await PageStatusAsync(ForumWithAModerator.ModeratorName, "/admin/members?q=thành_viên"));
        Assert.Equal(HttpStatusCode.Forbidden, await PageStatusAsync("thành_viên_tò_mò", "/admin/members"));
        Assert.Equal(HttpStatusCode.Forbidden, await PageStatusAsync("thành_viên_tò_mò", "/admin/boards"));
    }

    /// <summary>What a page answers a browser signed in as <paramref name="userName"/>.</summary>
    private async Task<HttpStatusCode> PageStatusAsync(string userName, string path)
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = forum.Gateway.BaseAddress };
        var signedIn = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = "mật-khẩu-đủ-dài",
            ["__RequestVerificationToken"] = WebFormTokens.OfForm(await browser.GetStringAsync("/account/sign-in")),
        }));
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        return (await browser.GetAsync(path)).StatusCode;
    }
}
