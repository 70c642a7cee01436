using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;
using Npgsql;

namespace Forum.System.Tests.Engagement;

/// <summary>Steps the likes and views tests share.</summary>
internal static class EngagementSteps
{
    public static async Task<Guid> PublishAsync(HttpClient author, string board, string title, string body = "Nội dung")
    {
        var response = await author.PostAsJsonAsync("/api/posts", new { board, title, body });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Waits until the engagement service knows the post: taking back a like one never gave
    /// changes nothing, and answers 404 only while the post is unknown (or once it is deleted).
    /// </summary>
    public static async Task WaitUntilEngagementKnowsAsync(HttpClient member, Guid postId, bool deleted = false)
    {
        var expected = deleted ? HttpStatusCode.NotFound : HttpStatusCode.NoContent;
        var status = await Eventually.ValueAsync(
            async () => (await member.DeleteAsync($"/api/posts/{postId}/like")).StatusCode,
            s => s == expected, what: $"the engagement service to learn of post {postId}");
        Assert.Equal(expected, status);
    }

    /// <summary>Views and likes per post as a board listing shows them (a listing counts no views).</summary>
    public static async Task<Dictionary<Guid, (long Views, long Likes)>> ListedCountsAsync(ForumSystem forum, string board, string sort = "latest")
    {
        var listing = await forum.Client.GetFromJsonAsync<JsonElement>($"/api/boards/{board}/posts?pageSize=100&sort={sort}");
        return listing.GetProperty("posts").EnumerateArray().ToDictionary(
            p => p.GetProperty("id").GetGuid(),
            p => (p.GetProperty("views").GetInt64(), p.GetProperty("likes").GetInt64()));
    }

    /// <summary>Waits until the listing shows what <paramref name="done"/> wants, and returns what it shows.</summary>
    public static Task<Dictionary<Guid, (long Views, long Likes)>> ListedCountsAsync(
        ForumSystem forum, string board, Func<Dictionary<Guid, (long Views, long Likes)>, bool> done, TimeSpan? timeout = null) =>
        Eventually.ValueAsync(() => ListedCountsAsync(forum, board), done, timeout ?? TimeSpan.FromSeconds(30), "the listing's counts");

    /// <summary>A client of the engagement service itself, carrying a token as the gateway makes for itself.</summary>
    public static HttpClient EngagementAsService(ForumSystem forum)
    {
        var client = new HttpClient { BaseAddress = forum.Engagement.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forum.SigningKey.Token("gateway", roles: ["service"]));
        return client;
    }

    public const string BatchPath = "/internal/view-batches";

    /// <summary>One view hit as the gateway sends it.</summary>
    public sealed record Hit(Guid PostId, string Viewer, DateTimeOffset At);

    public static async Task<JsonElement> SendBatchAsync(HttpClient service, Guid batchId, IReadOnlyList<Hit> hits)
    {
        var response = await service.PostAsJsonAsync(BatchPath, new { batchId, hits });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The view batches the engagement service has counted (each once, however often it was sent).</summary>
    public static async Task<long> CountedBatchesAsync(ForumSystem forum)
    {
        await using var connection = new NpgsqlConnection(forum.DatabaseConnections["engagement"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from forum.mt_doc_countedviewbatch", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every text value stored in a database's forum schema: documents, events and their headers.</summary>
    public static async Task<string> EverythingStoredAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("select table_name from information_schema.tables where table_schema = 'forum' and table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var all = new global::System.Text.StringBuilder();
        foreach (var table in tables)
        {
            await using var dump = new NpgsqlCommand($"select row_to_json(t)::text from forum.\"{table}\" t", connection);
            await using var reader = await dump.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                all.AppendLine(reader.GetString(0));
            }
        }
        return all.ToString();
    }
}
