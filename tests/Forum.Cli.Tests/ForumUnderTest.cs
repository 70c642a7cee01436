using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.Cli.Tests;

/// <summary>
/// The whole forum as processes, shared by the test classes of forumctl (they run one after
/// another), with what the tests need to drive it and to read its history directly.
/// </summary>
public sealed class ForumUnderTest : ForumSystem
{
    public string AdminToken => Admin.DefaultRequestHeaders.Authorization!.Parameter!;

    /// <summary>forumctl's options that reach this forum as its admin.</summary>
    public string[] AsAdmin => ["--gateway", Gateway.BaseAddress.ToString(), "--token", AdminToken];

    public Task<CliRun> ForumctlAsync(params string[] args) => Forumctl.RunAsync(Forumctl.Isolated(), args);

    /// <summary>A service's whole feed, read directly page by page: what forumctl's output is compared with.</summary>
    public async Task<List<JsonElement>> FeedAsync(string service)
    {
        var events = new List<JsonElement>();
        var after = 0L;
        while (true)
        {
            var response = await Admin.GetAsync($"/api/admin/events/{service}?after={after}&limit=10000");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = (await response.Content.ReadAsStringAsync())
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement)
                .ToList();
            events.AddRange(page);
            if (page.Count < 10000)
            {
                return events;
            }
            after = page[^1].GetProperty("sequence").GetInt64();
        }
    }

    public async Task<Guid> PublishAsync(HttpClient author, string title, string board = "tin-tuc", string body = "Nội dung")
    {
        var created = await author.PostAsJsonAsync("/api/posts", new { board, title, body });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task EditAsync(HttpClient author, Guid id, long version, string title, string body)
    {
        using var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/posts/{id}") { Content = JsonContent.Create(new { title, body }) };
        edit.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        var response = await author.SendAsync(edit);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}

[CollectionDefinition(Name)]
public sealed class ForumCollection : ICollectionFixture<ForumUnderTest>
{
    public const string Name = "forum";
}
