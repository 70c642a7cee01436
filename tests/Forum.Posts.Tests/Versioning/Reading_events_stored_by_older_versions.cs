using Forum.EventSourcing.PersonalData;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Posts.Posts.History;
using Forum.Posts.Posts.Publishing;
using Forum.Posts.Tests.Service;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Forum.Posts.Tests.Versioning;

/// <summary>
/// Events are never rewritten: a <c>PostPublished</c> stored before it carried <c>AuthorId</c>
/// (version 1 of the event) must still read as today's event, and go out as today's contract.
/// The old shape is kept as a fixture and written into the real event store exactly as the old
/// service wrote it.
/// </summary>
public sealed class Reading_events_stored_by_older_versions(PostsServiceFixture service) : IClassFixture<PostsServiceFixture>
{
    private static readonly string Fixture = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Versioning", "Fixtures", "post_published.v1.json"));

    /// <summary>Writes the old event as a one-event stream, bypassing today's serializer.</summary>
    private async Task<Guid> StoreRawAsync(string json)
    {
        var id = JsonDocument.Parse(json).RootElement.GetProperty("postId").GetGuid();
        await using var connection = await service.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand("""
            insert into forum.mt_streams (id, type, version, timestamp, created) values (@id, null, 1, @at, @at);
            insert into forum.mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type)
            values (nextval('forum.mt_events_sequence'), @eventId, @id, 1, @data::jsonb, 'post_published', @at, @dotnetType);
            """, connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("eventId", Guid.NewGuid());
        command.Parameters.AddWithValue("data", json);
        command.Parameters.AddWithValue("at", DateTimeOffset.Parse("2025-03-01T08:30:00Z"));
        command.Parameters.AddWithValue("dotnetType", $"{typeof(PostPublished).FullName}, {typeof(PostPublished).Assembly.GetName().Name}");
        await command.ExecuteNonQueryAsync();
        return id;
    }

    [Fact]
    public async Task A_version_1_PostPublished_without_AuthorId_reads_as_the_current_event_with_an_empty_author_id()
    {
        Assert.DoesNotContain("authorId", Fixture);
        var id = await StoreRawAsync(Fixture);

        await using var session = service.Store.QuerySession();
        var stored = Assert.Single(await session.Events.FetchStreamAsync(id));

        var published = Assert.IsType<PostPublished>(stored.Data);
        Assert.Equal(id, published.PostId);
        Assert.Equal("Bài viết từ phiên bản đầu 한국", published.Title);
        Assert.Equal("người_cũ", published.Author.Text);
        Assert.Equal("<p>Xin <strong>chào</strong> từ năm ngoái</p>\n", published.BodyHtml);
        Assert.Equal(DateTimeOffset.Parse("2025-03-01T08:30:00Z"), published.PublishedAt);
        Assert.Equal(Guid.Empty, published.AuthorId);
        Assert.Equal("Bài viết từ phiên bản đầu 한국", Assert.Single(PostHistory.Replay([stored])).Post.Title);
    }

    [Fact]
    public async Task A_version_1_PostPublished_goes_out_on_the_feed_as_the_version_2_contract_and_is_served_as_it_was()
    {
        var json = Fixture.Replace("5b2f3c1e-8d4a-4f6b-9c7e-1a2b3c4d5e6f", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        var id = await StoreRawAsync(json);
        using var admin = service.As("quản_trị", Guid.NewGuid(), "admin");

        var feed = await admin.GetStringAsync("/api/admin/events?limit=10000");
        var line = feed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("streamId").GetGuid() == id);
        var asItWas = await service.Anonymous.GetAsync($"/api/posts/{id}?version=1");

        Assert.Equal("PostPublished", line.GetProperty("type").GetString());
        var data = line.GetProperty("data");
        Assert.Equal(Guid.Empty, data.GetProperty("authorId").GetGuid());
        Assert.Equal("người_cũ", data.GetProperty("author").GetString());
        Assert.Equal("tin-tuc", data.GetProperty("board").GetString());
        Assert.Equal(1, data.GetProperty("version").GetInt64());
        Assert.Equal(HttpStatusCode.OK, asItWas.StatusCode);
        Assert.Equal("Bài viết từ phiên bản đầu 한국", (await asItWas.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }
}
