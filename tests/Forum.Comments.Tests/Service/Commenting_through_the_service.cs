using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Forum.Contracts.Posts;
using Forum.Testing;

namespace Forum.Comments.Tests.Service;

/// <summary>The comments service knows posts only from their events, and is patient with a post published a moment ago.</summary>
public sealed class Commenting_through_the_service(CommentsServiceFixture service) : IClassFixture<CommentsServiceFixture>
{
    private static PostPublished Published(Guid id) => new(id, 1, "tin-tuc", "Bài", "…", "<p>…</p>", "minh", DateTimeOffset.UtcNow, false);

    [Fact]
    public async Task A_comment_on_a_post_whose_event_arrives_a_moment_later_is_accepted()
    {
        using var lan = service.As("lan");
        var postId = Guid.NewGuid();

        var comment = lan.PostAsJsonAsync($"/api/posts/{postId}/comments", new { body = "Nhanh tay!" });
        await Task.Delay(500);
        await service.Publisher.Publish(Published(postId));

        var response = await comment;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_comment_on_a_post_never_heard_of_is_a_404_after_a_short_wait()
    {
        using var lan = service.As("lan");
        var waited = Stopwatch.StartNew();

        var response = await lan.PostAsJsonAsync($"/api/posts/{Guid.NewGuid()}/comments", new { body = "Có ai không?" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.InRange(waited.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_locked_post_is_a_409_with_a_clear_problem_and_an_unlocked_one_takes_comments_again()
    {
        using var lan = service.As("lan");
        var postId = Guid.NewGuid();
        await service.Publisher.Publish(Published(postId));
        await service.Publisher.Publish(new PostLockChanged(postId, 2, true, DateTimeOffset.UtcNow));

        var locked = await Eventually.ValueAsync(
            () => lan.PostAsJsonAsync($"/api/posts/{postId}/comments", new { body = "Khoá rồi?" }), r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync());

        await service.Publisher.Publish(new PostLockChanged(postId, 3, false, DateTimeOffset.UtcNow));
        var open = await Eventually.ValueAsync(
            () => lan.PostAsJsonAsync($"/api/posts/{postId}/comments", new { body = "Mở rồi" }), r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Created, open.StatusCode);
    }

    [Fact]
    public async Task A_deleted_post_takes_no_comments()
    {
        using var lan = service.As("lan");
        var postId = Guid.NewGuid();
        await service.Publisher.Publish(Published(postId));
        await service.Publisher.Publish(new PostDeleted(postId, 2, DateTimeOffset.UtcNow));

        var response = await Eventually.ValueAsync(
            () => lan.PostAsJsonAsync($"/api/posts/{postId}/comments", new { body = "Còn không?" }), r => r.StatusCode == HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Edits_need_If_Match_and_only_the_author_or_a_moderator_may_change_a_comment()
    {
        var lanId = Guid.NewGuid();
        using var lan = service.As("lan", lanId);
        using var minh = service.As("minh");
        using var moderator = service.As("điều_hành", null, "moderator");
        var postId = Guid.NewGuid();
        await service.Publisher.Publish(Published(postId));
        var created = await lan.PostAsJsonAsync($"/api/posts/{postId}/comments", new { body = "Bản đầu" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;

        async Task<HttpResponseMessage> Edit(HttpClient client, string? ifMatch, string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(new { body }) };
            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }
            return await client.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.PreconditionRequired, (await Edit(lan, null, "Không ETag")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Edit(minh, "\"1\"", "Của người khác")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Edit(lan, "\"1\"", "Bản hai")).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Edit(lan, "\"1\"", "Bản cũ")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Edit(moderator, "\"2\"", "Điều hành sửa")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await minh.DeleteAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await lan.DeleteAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Edit(lan, "\"4\"", "Đã xoá")).StatusCode);
    }

    [Fact]
    public async Task A_comment_s_Markdown_and_version_are_read_by_its_author_and_moderators_only_and_not_once_deleted()
    {
        var lanId = Guid.NewGuid();
        using var lan = service.As("lan_nguồn", lanId);
        using var minh = service.As("minh_nguồn");
        using var moderator = service.As("điều_hành_nguồn", null, "moderator");
        var postId = Guid.NewGuid();
        await service.Publisher.Publish(Published(postId));
        const string markdown = "Xin **chào** 안녕하세요 — [liên kết](https://example.org/duong-dan-rat-dai-khong-co-cho-ngat-0123)";
        var created = await lan.PostAsJsonAsync($"/api/posts/{postId}/comments", new { body = markdown });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        using (var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/comments/{id}") { Content = JsonContent.Create(new { body = markdown + " (sửa)" }) })
        {
            edit.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            Assert.Equal(HttpStatusCode.OK, (await lan.SendAsync(edit)).StatusCode);
        }

        var source = await lan.GetAsync($"/api/comments/{id}/source");
        Assert.Equal(HttpStatusCode.OK, source.StatusCode);
        Assert.Equal("\"2\"", source.Headers.ETag?.ToString());
        var read = await source.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(markdown + " (sửa)", read.GetProperty("body").GetString());
        Assert.Equal(postId, read.GetProperty("postId").GetGuid());
        Assert.Equal(2, read.GetProperty("version").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await moderator.GetAsync($"/api/comments/{id}/source")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await minh.GetAsync($"/api/comments/{id}/source")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await lan.GetAsync("/api/comments/không-phải-guid/source")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await lan.DeleteAsync($"/api/comments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lan.GetAsync($"/api/comments/{id}/source")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await moderator.GetAsync($"/api/comments/{id}/source")).StatusCode);
    }

    [Fact]
    public void Nothing_that_changes_state_is_open_to_anonymous_callers()
    {
        Assert.Empty(EndpointAudit.AnonymousStateChangingEndpoints(service.Services));
    }
}
