using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;
using Xunit.Abstractions;

namespace Forum.System.Tests.Faults;

/// <summary>
/// Partial failure: with the comments service down, a comment is refused at once with 503 and
/// <c>Retry-After</c> (nothing was written, send it again later), while the post and its
/// comments are still served from the gateway's read models.
/// </summary>
public sealed class A_write_service_that_is_down(ForumSystem forum, ITestOutputHelper output) : IClassFixture<ForumSystem>
{
    [Fact]
    public async Task Refuses_its_commands_with_503_and_Retry_After_while_the_gateway_still_serves_what_it_wrote()
    {
        using var writer = await forum.SignUpAsync("khi_dịch_vụ_ngừng");
        var published = await writer.PostAsJsonAsync("/api/posts", new { board = "tin-tuc", title = "Bài khi dịch vụ bình luận ngừng", body = "Nội dung" });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var post = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var commented = await Eventually.ValueAsync(
            () => writer.PostAsJsonAsync($"/api/posts/{post}/comments", new { body = "Bình luận trước khi ngừng" }),
            r => r.StatusCode == HttpStatusCode.Created, what: "the comments service to know the post");
        Assert.Equal(HttpStatusCode.Created, commented.StatusCode);
        var comment = (await commented.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.ValueAsync(() => forum.Client.GetStringAsync($"/api/posts/{post}/comments"), page => page.Contains(comment.ToString(), StringComparison.Ordinal),
            what: "the comment in the read model");

        await forum.Comments.StopAsync();
        try
        {
            // A hang would fail here: the client gives up long before a user would.
            using var impatient = new HttpClient { BaseAddress = forum.Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            impatient.DefaultRequestHeaders.Authorization = writer.DefaultRequestHeaders.Authorization;
            var clock = Stopwatch.StartNew();
            var refused = await impatient.PostAsJsonAsync($"/api/posts/{post}/comments", new { body = "Bình luận khi ngừng" });
            output.WriteLine($"refused in {clock.ElapsedMilliseconds} ms");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.Contains("comments", problem.GetProperty("title").GetString(), StringComparison.Ordinal);

            // The read side is the gateway's own: the post and its comments are still served.
            var page = await forum.Client.GetAsync($"/api/posts/{post}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var comments = await forum.Client.GetAsync($"/api/posts/{post}/comments");
            Assert.Equal(HttpStatusCode.OK, comments.StatusCode);
            Assert.Contains(comment.ToString(), await comments.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var listing = await forum.Client.GetAsync("/api/boards/tin-tuc/posts");
            Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
        }
        finally
        {
            forum.Comments.Start();
            await forum.Comments.WaitUntilReadyAsync();
        }

        // Back again: the same comment, sent again as Retry-After invites, is taken.
        var retried = await Eventually.ValueAsync(
            () => writer.PostAsJsonAsync($"/api/posts/{post}/comments", new { body = "Bình luận khi ngừng" }),
            r => r.StatusCode == HttpStatusCode.Created, what: "the comments service to take comments again");
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
    }
}
