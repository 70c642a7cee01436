using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Accounts;

/// <summary>
/// A member's profile: a display name in any script, a Markdown bio rendered safe, a picture that
/// went through the upload rules; shown on their page and beside their name in listings, with the
/// counts of what they wrote and the likes it received. Bad input changes nothing.
/// </summary>
[Collection(SharedForum.Name)]
public sealed class Shaping_a_profile(ForumSystem forum)
{
    private static async Task<string> UploadAsync(HttpClient member)
    {
        var file = new ByteArrayContent(SampleImages.Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var uploaded = await member.PostAsync("/api/uploads", new MultipartFormDataContent { { file, "file", "chân-dung.png" } });
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        return (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
    }

    [Fact]
    public async Task A_profile_shows_on_the_member_s_page_and_their_picture_beside_their_name_with_what_they_wrote_counted()
    {
        const string name = "hà_có_hồ_sơ";
        using var member = await forum.SignUpAsync(name);
        using var reader = await forum.SignUpAsync("người_thích_bài");
        var picture = await UploadAsync(member);
        var saved = await member.PutAsJsonAsync("/api/accounts/me/profile", new
        {
            displayName = "Nguyễn Thị Hà 하나 𝐇𝐚̀",
            bio = "Tôi **thích** nấu ăn 요리.\n\n<script>alert(1)</script>[bấm](javascript:alert(1))",
            avatar = picture,
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var published = await member.PostAsJsonAsync("/api/posts", new { board = "tin-tuc", title = "Món phở của tôi", body = "Ngon lắm." });
        var post = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.ValueAsync(async () => (await reader.PutAsync($"/api/posts/{post}/like", null)).StatusCode, s => s == HttpStatusCode.NoContent, what: "the like");
        await member.CommentAsync(post, "Cảm ơn mọi người đã đọc!");

        var page = await Eventually.ValueAsync(() => forum.Client.GetFromJsonAsync<JsonElement>($"/api/users/{Uri.EscapeDataString("HÀ_CÓ_HỒ_SƠ")}"),
            p => p.GetProperty("postCount").GetInt32() == 1 && p.GetProperty("commentCount").GetInt32() == 1 && p.GetProperty("likesReceived").GetInt64() == 1,
            what: "the member's counts");
        Assert.Equal(name, page.GetProperty("name").GetString());
        Assert.Equal("Nguyễn Thị Hà 하나 𝐇𝐚̀", page.GetProperty("displayName").GetString());
        Assert.Equal(picture, page.GetProperty("avatar").GetString());
        var bio = page.GetProperty("bioHtml").GetString()!;
        Assert.Contains("<strong>thích</strong>", bio);
        Assert.Contains("요리", bio);
        Assert.DoesNotContain("<script", bio);
        Assert.DoesNotContain("javascript:", bio);
        Assert.True(page.GetProperty("joinedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(-1));

        var html = WebUtility.HtmlDecode(await forum.Client.GetStringAsync($"/users/{Uri.EscapeDataString(name)}"));
        Assert.Contains("Nguyễn Thị Hà 하나 𝐇𝐚̀", html);
        Assert.Contains($"src=\"{picture}\"", html);
        var board = await Eventually.ValueAsync(() => forum.Client.GetStringAsync("/boards/tin-tuc"), b => b.Contains("Món phở của tôi"), what: "the post on its board");
        Assert.Contains($"<img class=\"avatar\" src=\"{picture}\"", board);
    }

    [Fact]
    public async Task A_member_downloads_their_own_data_as_JSON_with_their_profile_address_posts_and_comments_and_nobody_else_s()
    {
        const string name = "người_tải_dữ_liệu";
        using var member = await forum.SignUpAsync(name);
        using var other = await forum.SignUpAsync("người_khác_tải");
        await member.PutAsJsonAsync("/api/accounts/me/profile", new { displayName = "Người Tải 다운로드", bio = "Giới thiệu *ngắn*." });
        await member.PutAsJsonAsync("/api/accounts/me/email", new { email = "tai.du.lieu@example.vn" });
        var published = await member.PostAsJsonAsync("/api/posts", new { board = "tin-tuc", title = "Bài của tôi 𝐁𝐚̀𝐢", body = "Nội dung **riêng**." });
        var post = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var mine = await member.CommentAsync(post, "Bình luận của tôi 내 댓글.");
        await other.CommentAsync(post, "Bình luận của người khác.");

        var data = await Eventually.ValueAsync(async () =>
        {
            var answer = await member.GetAsync("/api/accounts/me/export");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.StartsWith("attachment;", answer.Content.Headers.ContentDisposition?.ToString() ?? answer.Headers.GetValues("Content-Disposition").Single());
            return await answer.Content.ReadFromJsonAsync<JsonElement>();
        }, d => d.GetProperty("posts").GetArrayLength() == 1 && d.GetProperty("comments").GetArrayLength() == 1, what: "the member's post and comment in the export");

        var account = data.GetProperty("account");
        Assert.Equal((name, "tai.du.lieu@example.vn", "Người Tải 다운로드"),
            (account.GetProperty("userName").GetString(), account.GetProperty("email").GetString(), account.GetProperty("displayName").GetString()));
        Assert.Equal("Bài của tôi 𝐁𝐚̀𝐢", data.GetProperty("posts")[0].GetProperty("title").GetString());
        Assert.Contains("<strong>riêng</strong>", data.GetProperty("posts")[0].GetProperty("bodyHtml").GetString());
        Assert.Equal(mine, data.GetProperty("comments")[0].GetProperty("id").GetGuid());
        Assert.DoesNotContain("người khác", data.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await forum.Anonymous().GetAsync("/api/accounts/me/export")).StatusCode);
    }

    [Fact]
    public async Task A_bad_display_name_bio_or_picture_is_a_400_naming_the_field_and_the_profile_stays()
    {
        const string name = "hồ_sơ_giữ_nguyên";
        using var member = await forum.SignUpAsync(name);
        var picture = await UploadAsync(member);
        Assert.Equal(HttpStatusCode.OK, (await member.PutAsJsonAsync("/api/accounts/me/profile", new { displayName = "Tên cũ", bio = "Giới thiệu cũ", avatar = picture })).StatusCode);

        var refusals = new (object Body, string Field)[]
        {
            (new { displayName = new string('x', 51) }, "displayName"),
            (new { displayName = "hai\ndòng" }, "displayName"),
            (new { bio = new string('b', 2001) }, "bio"),
            (new { avatar = "https://evil.example/anh.webp" }, "avatar"),
            (new { avatar = "/upload/../../etc/passwd" }, "avatar"),
            (new { avatar = $"/upload/{new string('0', 64)}.webp" }, "avatar"),
        };
        foreach (var (body, field) in refusals)
        {
            var refused = await member.PutAsJsonAsync("/api/accounts/me/profile", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), $"{field}: {await refused.Content.ReadAsStringAsync()}");
        }
        // A misspelt field is refused, not taken for a profile with nothing in it.
        Assert.Equal(HttpStatusCode.BadRequest, (await member.PutAsJsonAsync("/api/accounts/me/profile", new { tenHienThi = "Tên mới" })).StatusCode);
        var page = await forum.Client.GetFromJsonAsync<JsonElement>($"/api/users/{Uri.EscapeDataString(name)}");
        Assert.Equal(("Tên cũ", picture), (page.GetProperty("displayName").GetString(), page.GetProperty("avatar").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await forum.Anonymous().PutAsJsonAsync("/api/accounts/me/profile", new { displayName = "Ai đó" })).StatusCode);
    }
}
