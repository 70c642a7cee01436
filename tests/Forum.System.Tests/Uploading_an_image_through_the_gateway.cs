using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests;

/// <summary>An image uploaded through the gateway is re-encoded by the posts service and served to anyone through the gateway.</summary>
[Collection(SharedForum.Name)]
public sealed class Uploading_an_image_through_the_gateway(ForumSystem forum)
{
    private static MultipartFormDataContent Form(byte[] bytes, string fileName)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    [Fact]
    public async Task A_member_uploads_an_image_and_anyone_fetches_it_as_an_immutable_WebP()
    {
        using var lan = await forum.SignUpAsync("lan");

        var response = await lan.PostAsync("/api/uploads", Form(SampleImages.Png, "ảnh.png"));

        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{forum.Logs}");
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var url = created.GetProperty("url").GetString()!;
        Assert.Matches("^/upload/[0-9a-f]{64}\\.webp$", url);
        Assert.Equal((4, 3), (created.GetProperty("width").GetInt32(), created.GetProperty("height").GetInt32()));

        using var anonymous = forum.Anonymous();
        var served = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/webp", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", served.Headers.CacheControl!.ToString());
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.Equal("RIFF", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("WEBP", Encoding.ASCII.GetString(bytes, 8, 4));
    }

    [Fact]
    public async Task An_uploaded_image_shows_in_a_post_and_the_listing_says_the_post_has_an_image()
    {
        using var minh = await forum.SignUpAsync("minh_ảnh");
        var url = (await (await minh.PostAsync("/api/uploads", Form(SampleImages.Png, "phố.png"))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString();

        var created = await minh.PostAsJsonAsync("/api/posts", new { board = "doi-song", title = "Ảnh phố Seoul", body = $"Chiều nay:\n\n![phố Seoul]({url})" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var page = await Eventually.ValueAsync(async () =>
        {
            var response = await forum.Client.GetAsync($"/api/posts/{id}");
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }, p => p.ValueKind == JsonValueKind.Object);
        Assert.Contains($"<img src=\"{url}\" alt=\"phố Seoul\">", page.GetProperty("bodyHtml").GetString());
        var listing = await forum.Client.GetFromJsonAsync<JsonElement>("/api/boards/doi-song/posts?pageSize=100");
        Assert.True(listing.GetProperty("posts").EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == id).GetProperty("hasImage").GetBoolean());
    }

    [Fact]
    public async Task Uploads_need_a_signed_in_member_and_a_file_that_is_no_image_is_a_400_problem()
    {
        using var anonymous = forum.Anonymous();
        var unsigned = await anonymous.PostAsync("/api/uploads", Form(SampleImages.Png, "ảnh.png"));
        var text = await forum.Admin.PostAsync("/api/uploads", Form(Encoding.UTF8.GetBytes("không phải ảnh"), "ảnh.png"));
        var missing = await anonymous.GetAsync($"/upload/{new string('0', 64)}.webp");

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Equal("application/problem+json", text.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(await text.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("file", out _));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
