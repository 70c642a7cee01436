using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Forum.Testing;

/// <summary>Writes through the gateway's API as a member's client makes them, for tests that need something written first.</summary>
public static class ForumWrites
{
    /// <summary>A post, once <paramref name="reader"/> (any client of the gateway) can read it: the read model has it.</summary>
    public static async Task<Guid> PublishAsync(this HttpClient author, HttpClient reader, string board, string title, string body = "Nội dung bài viết.")
    {
        var created = await author.PostAsJsonAsync("/api/posts", new { board, title, body });
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"{created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.ValueAsync(async () => (await reader.GetAsync($"/api/posts/{id}")).StatusCode, status => status == HttpStatusCode.OK, what: "the post in the read model");
        return id;
    }

    /// <summary>A comment or reply; the comments service learns of a new post from its event, so it is tried until taken.</summary>
    public static async Task<Guid> CommentAsync(this HttpClient client, Guid post, string body, Guid? parentId = null)
    {
        var response = await Eventually.ValueAsync(() => client.PostAsJsonAsync($"/api/posts/{post}/comments", new { body, parentId }),
            r => r.StatusCode == HttpStatusCode.Created, what: "the comments service to take the comment");
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
