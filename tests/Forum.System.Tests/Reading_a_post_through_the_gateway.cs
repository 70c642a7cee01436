using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Forum.Testing;
using Npgsql;

namespace Forum.System.Tests;

/// <summary>
/// The four services and the gateway as processes, on real PostgreSQL and RabbitMQ: a post written
/// through the gateway travels service → event store → broker → read model and is read back.
/// </summary>
[Collection(SharedForum.Name)]
public sealed class Reading_a_post_through_the_gateway(ForumSystem forum)
{
    private const string Title = "𝐑𝐄𝐕𝐈𝐄𝐖 Tin tức 한국 생활";

    [Fact]
    public async Task A_post_published_through_the_gateway_appears_byte_exact_in_the_board_listing_and_on_its_page()
    {
        // A board of its own: the listing must hold this post alone.
        await forum.CreateBoardAsync("ban-doc", "Tin tức bạn đọc");
        using var minh = await forum.SignUpAsync("minh");
        var response = await minh.PostAsJsonAsync("/api/posts", new
        {
            board = "ban-doc",
            title = Title,
            body = "Chào mừng đến với **diễn đàn**! 한국 생활 이야기.",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{forum.Logs}");
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.EndsWith($"/api/posts/{id}", response.Headers.Location!.OriginalString);

        var listing = await Eventually.ValueAsync(
            () => forum.Client.GetFromJsonAsync<JsonElement>("/api/boards/ban-doc/posts"),
            l => l.GetProperty("totalPosts").GetInt32() > 0, what: "the post in the listing");
        var listed = Assert.Single(listing.GetProperty("posts").EnumerateArray());
        Assert.Equal(id, listed.GetProperty("id").GetGuid());
        Assert.Equal(Encoding.UTF8.GetBytes(Title), Encoding.UTF8.GetBytes(listed.GetProperty("title").GetString()!));
        Assert.Equal("minh", listed.GetProperty("author").GetString());
        Assert.Equal(1, listing.GetProperty("totalPages").GetInt32());

        var raw = await forum.Client.GetStringAsync($"/api/posts/{id}");
        Assert.Contains("Tin tức 한국 생활", raw, StringComparison.Ordinal);
        var post = JsonDocument.Parse(raw).RootElement;
        Assert.Equal(Title, post.GetProperty("title").GetString());
        Assert.Equal("ban-doc", post.GetProperty("board").GetString());
        Assert.Contains("<strong>diễn đàn</strong>", post.GetProperty("bodyHtml").GetString());
        Assert.Equal(1, post.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task The_comments_and_engagement_services_learn_of_a_new_post_from_its_event()
    {
        var response = await forum.Admin.PostAsJsonAsync("/api/posts", new { board = "doi-song", title = "Đời sống ở Seoul", body = "Nội dung" });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        foreach (var (service, table) in new[] { ("comments", "mt_doc_commentablepost"), ("engagement", "mt_doc_engageablepost") })
        {
            var known = await Eventually.ValueAsync(
                () => CountAsync(forum.DatabaseConnections[service], $"select count(*) from forum.{table} where id = @id", id),
                count => count == 1, what: $"{service} to know the post");
            Assert.True(known == 1, $"{service} never learned of post {id}\n{forum.Logs}");
        }
    }

    [Theory]
    [InlineData("{\"board\":\"tin-tuc\",")]
    [InlineData("{\"board\":[1,2],\"title\":\"x\",\"body\":\"y\"}")]
    public async Task Bad_JSON_through_the_gateway_gets_a_400_problem_not_a_500(string json)
    {
        var response = await forum.Admin.PostAsync("/api/posts", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/posts/not-a-guid")]
    [InlineData("/api/boards/tin-tuc/posts?page=0")]
    [InlineData("/api/boards/tin-tuc/posts?page=-1")]
    [InlineData("/api/boards/tin-tuc/posts?pageSize=1000")]
    [InlineData("/api/boards/tin-tuc/posts?sort=random")]
    public async Task Bad_query_input_gets_a_400_problem(string url)
    {
        var response = await forum.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_post_is_a_404_problem()
    {
        var response = await forum.Client.GetAsync($"/api/posts/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Every_service_and_the_gateway_report_ready_and_expose_metrics()
    {
        foreach (var service in new[] { forum.Posts, forum.Comments, forum.Engagement, forum.Gateway })
        {
            using var client = new HttpClient { BaseAddress = service.BaseAddress };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            var metrics = await client.GetStringAsync("/metrics");
            Assert.Contains("# TYPE", metrics);
        }
    }

    private static async Task<long> CountAsync(string connectionString, string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new("id", id) } };
        try
        {
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (PostgresException e) when (e.SqlState == "42P01")
        {
            return 0; // the table appears with the first document
        }
    }
}
