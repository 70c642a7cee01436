using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Forum.Testing;
using Npgsql;
using Xunit.Abstractions;
using static Forum.System.Tests.Engagement.EngagementSteps;

namespace Forum.System.Tests.Engagement;

/// <summary>Likes through the gateway: one per member per post, exact however many arrive at once.</summary>
[Collection(SharedForum.Name)]
public sealed class Liking_posts(ForumSystem forum, ITestOutputHelper output)
{
    [Fact]
    public async Task A_hundred_members_liking_one_post_at_once_twice_each_and_thirty_taking_it_back_leave_exactly_70_likes()
    {
        const string board = "duoc-thich";
        await forum.CreateBoardAsync(board);
        using var author = await forum.SignUpAsync("tác_giả_nổi_tiếng");
        var postId = await PublishAsync(author, board, "Bài viết được yêu thích 인기");
        var members = new HttpClient[100];
        await Parallel.ForEachAsync(Enumerable.Range(0, members.Length), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (i, _) => members[i] = await forum.SignUpAsync($"người_đọc_{i}"));
        await WaitUntilEngagementKnowsAsync(members[0], postId);

        var clock = Stopwatch.StartNew();
        var likes = await Task.WhenAll(members.Concat(members).Select(m => m.PutAsync($"/api/posts/{postId}/like", null)));
        var likeTime = clock.Elapsed;
        var unlikes = await Task.WhenAll(members.Take(30).Select(m => m.DeleteAsync($"/api/posts/{postId}/like")));

        Assert.All(likes.Concat(unlikes), r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        var counts = await ListedCountsAsync(forum, board, c => c.GetValueOrDefault(postId).Likes == 70);
        Assert.True(counts[postId].Likes == 70, $"the listing shows {counts[postId].Likes} likes\n{forum.Logs}");

        // Exactly 100 likes and 30 unlikes were stored, whatever the 200 requests raced for.
        Assert.Equal((100L, 30L), (await CountEventsAsync("post_liked", postId), await CountEventsAsync("post_unliked", postId)));
        await Task.Delay(500);
        Assert.Equal(70, (await ListedCountsAsync(forum, board))[postId].Likes);
        output.WriteLine($"200 likes of one post, 100 members at once: {likeTime.TotalMilliseconds:0} ms");
        foreach (var member in members)
        {
            member.Dispose();
        }
    }

    [Fact]
    public async Task An_author_may_not_like_their_own_post_and_is_told_why()
    {
        using var author = await forum.SignUpAsync("tự_khen");
        var postId = await PublishAsync(author, "tin-tuc", "Bài của tôi");
        await WaitUntilEngagementKnowsAsync(author, postId);

        var response = await author.PutAsync($"/api/posts/{postId}/like", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("own", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Liking_an_unknown_or_deleted_post_is_a_404_problem_and_a_malformed_id_a_400()
    {
        using var author = await forum.SignUpAsync("người_xoá_bài_được_thích");
        using var reader = await forum.SignUpAsync("người_thích");
        var postId = await PublishAsync(author, "tin-tuc", "Sắp bị xoá");
        await WaitUntilEngagementKnowsAsync(reader, postId);
        Assert.Equal(HttpStatusCode.NoContent, (await reader.PutAsync($"/api/posts/{postId}/like", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await author.DeleteAsync($"/api/posts/{postId}")).StatusCode);
        await WaitUntilEngagementKnowsAsync(reader, postId, deleted: true);

        foreach (var (url, expected) in new[]
                 {
                     ($"/api/posts/{postId}/like", HttpStatusCode.NotFound),
                     ($"/api/posts/{Guid.NewGuid()}/like", HttpStatusCode.NotFound),
                     ("/api/posts/not-a-guid/like", HttpStatusCode.BadRequest),
                 })
        {
            foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete })
            {
                var response = await reader.SendAsync(new HttpRequestMessage(method, url));
                Assert.True(response.StatusCode == expected, $"{method} {url}: {response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [Fact]
    public async Task A_board_sorted_by_likes_shows_the_most_liked_post_first()
    {
        const string board = "xep-hang";
        await forum.CreateBoardAsync(board);
        using var author = await forum.SignUpAsync("người_xếp_hạng");
        using var lan = await forum.SignUpAsync("lan_thích");
        using var hoa = await forum.SignUpAsync("hoa_thích");
        var none = await PublishAsync(author, board, "Không ai thích");
        var two = await PublishAsync(author, board, "Hai người thích");
        var one = await PublishAsync(author, board, "Một người thích");
        await WaitUntilEngagementKnowsAsync(lan, one);
        await WaitUntilEngagementKnowsAsync(lan, two);

        foreach (var (member, post) in new[] { (lan, two), (hoa, two), (hoa, one) })
        {
            Assert.Equal(HttpStatusCode.NoContent, (await member.PutAsync($"/api/posts/{post}/like", null)).StatusCode);
        }
        await ListedCountsAsync(forum, board, c => c.GetValueOrDefault(two).Likes == 2 && c.GetValueOrDefault(one).Likes == 1);

        var listing = await forum.Client.GetFromJsonAsync<global::System.Text.Json.JsonElement>($"/api/boards/{board}/posts?sort=likes");
        Assert.Equal([two, one, none], listing.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        Assert.Equal([2L, 1L, 0L], listing.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("likes").GetInt64()));

        // The post page shows the count too (as a crawler, so that reading it counts no view).
        using var crawler = forum.Anonymous();
        crawler.DefaultRequestHeaders.UserAgent.ParseAdd("Googlebot/2.1");
        Assert.Equal(2, (await crawler.GetFromJsonAsync<global::System.Text.Json.JsonElement>($"/api/posts/{two}")).GetProperty("likes").GetInt64());
    }

    private async Task<long> CountEventsAsync(string type, Guid postId)
    {
        await using var connection = new NpgsqlConnection(forum.DatabaseConnections["engagement"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from forum.mt_events where stream_id = @id and type = @type", connection)
        {
            Parameters = { new("id", postId), new("type", type) },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
