using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Posts.Posts.History;
using Forum.Posts.Posts.Publishing;
using Marten;

namespace Forum.Posts.Tests.Service;

/// <summary>Edits, concurrency, idempotent creates, moderation, boards and time travel, against the real service and database.</summary>
public sealed class Changing_posts_in_the_service(PostsServiceFixture service) : IClassFixture<PostsServiceFixture>
{
    private readonly HttpClient _author = service.As("tác_giả", Guid.NewGuid());
    private readonly HttpClient _stranger = service.As("người_lạ", Guid.NewGuid());
    private readonly HttpClient _moderator = service.As("điều_hành", Guid.NewGuid(), "moderator");
    private readonly HttpClient _admin = service.As("quản_trị", Guid.NewGuid(), "admin");

    private async Task<PublishPostResponse> PublishAsync(HttpClient client, string title = "Bài gốc", string body = "Nội dung gốc")
    {
        var response = await client.PostAsJsonAsync("/api/posts", new { board = "tin-tuc", title, body });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PublishPostResponse>())!;
    }

    private static async Task<HttpResponseMessage> EditAsync(HttpClient client, Guid id, string? ifMatch, string title, string body = "Nội dung sửa")
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/posts/{id}") { Content = JsonContent.Create(new { title, body }) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Of_ten_concurrent_edits_of_one_version_exactly_one_wins_and_the_rest_get_412()
    {
        var post = await PublishAsync(_author);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => EditAsync(_author, post.Id, "\"1\"", $"Sửa lần {i}")));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal(9, answers.Count(a => a.StatusCode == HttpStatusCode.PreconditionFailed));
        var winner = answers.Single(a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal("\"2\"", winner.Headers.ETag!.Tag);
        await using var session = service.Store.QuerySession();
        Assert.Equal(2, (await session.Events.FetchStreamAsync(post.Id)).Count);
    }

    [Fact]
    public async Task An_edit_needs_If_Match_and_a_stale_one_is_412_with_the_current_ETag()
    {
        var post = await PublishAsync(_author);
        Assert.Equal(HttpStatusCode.OK, (await EditAsync(_author, post.Id, "\"1\"", "Lần một")).StatusCode);

        Assert.Equal(HttpStatusCode.PreconditionRequired, (await EditAsync(_author, post.Id, null, "Không có ETag")).StatusCode);
        var stale = await EditAsync(_author, post.Id, "\"1\"", "Cũ rồi");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("\"2\"", stale.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.BadRequest, (await EditAsync(_author, post.Id, "W/\"x\"", "Sai ETag")).StatusCode);
    }

    [Fact]
    public async Task Only_the_author_or_a_moderator_edits_and_deletes()
    {
        var post = await PublishAsync(_author);

        Assert.Equal(HttpStatusCode.Forbidden, (await EditAsync(_stranger, post.Id, "\"1\"", "Không phải của tôi")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _stranger.DeleteAsync($"/api/posts/{post.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await EditAsync(_moderator, post.Id, "\"1\"", "Điều hành sửa")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _author.DeleteAsync($"/api/posts/{post.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _author.DeleteAsync($"/api/posts/{post.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await EditAsync(_author, post.Id, "\"3\"", "Đã xoá")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _author.DeleteAsync($"/api/posts/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Moderators_lock_and_pin_members_may_not_and_repeating_appends_nothing()
    {
        var post = await PublishAsync(_author);

        Assert.Equal(HttpStatusCode.Forbidden, (await _author.PostAsync($"/api/posts/{post.Id}/lock", null)).StatusCode);
        foreach (var action in new[] { "lock", "lock", "pin", "unpin", "unlock" })
        {
            Assert.Equal(HttpStatusCode.NoContent, (await _moderator.PostAsync($"/api/posts/{post.Id}/{action}", null)).StatusCode);
        }

        await using var session = service.Store.QuerySession();
        Assert.Equal(["PostPublished", "PostLocked", "PostPinned", "PostUnpinned", "PostUnlocked"],
            (await session.Events.FetchStreamAsync(post.Id)).Select(e => e.Data.GetType().Name));
    }

    [Fact]
    public async Task The_same_create_retried_ten_times_with_one_key_makes_one_post()
    {
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Send(string title)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/posts") { Content = JsonContent.Create(new { board = "tin-tuc", title, body = "Một lần thôi" }) };
            request.Headers.Add("Idempotency-Key", key);
            return await _author.SendAsync(request);
        }

        var first = await Send("Gửi lại nhiều lần");
        var retries = await Task.WhenAll(Enumerable.Range(0, 9).Select(_ => Send("Gửi lại nhiều lần")));

        Assert.All(retries.Prepend(first), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(retries.Prepend(first).Select(async r => (await r.Content.ReadFromJsonAsync<PublishPostResponse>())!.Id));
        Assert.Single(ids.Distinct());
        Assert.Equal(first.Headers.Location, retries[0].Headers.Location);

        var different = await Send("Tiêu đề khác");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);

        await using var session = service.Store.QuerySession();
        Assert.Equal(1, await session.Events.QueryRawEventDataOnly<PostPublished>().CountAsync(e => e.Title == "Gửi lại nhiều lần"));
    }

    [Fact]
    public async Task Ten_concurrent_first_sends_of_one_key_still_make_one_post()
    {
        var key = Guid.NewGuid().ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/posts") { Content = JsonContent.Create(new { board = "tin-tuc", title = "Cùng lúc", body = "Mười lần" }) };
            request.Headers.Add("Idempotency-Key", key);
            return await _author.SendAsync(request);
        }));

        Assert.All(answers, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single((await Task.WhenAll(answers.Select(async r => (await r.Content.ReadFromJsonAsync<PublishPostResponse>())!.Id))).Distinct());
    }

    [Fact]
    public async Task Revisions_and_time_travel_show_the_post_as_it_was()
    {
        var post = await PublishAsync(_author, "Phiên bản một", "Nội dung một");
        await Task.Delay(50);
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        Assert.Equal(HttpStatusCode.OK, (await EditAsync(_author, post.Id, "\"1\"", "Phiên bản hai", "Nội dung hai")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await EditAsync(_moderator, post.Id, "\"2\"", "Phiên bản ba", "Nội dung ba")).StatusCode);

        var revisions = await service.Anonymous.GetFromJsonAsync<List<Revision>>($"/api/posts/{post.Id}/revisions");
        Assert.Equal([(1L, "Phiên bản một", "tác_giả"), (2L, "Phiên bản hai", "tác_giả"), (3L, "Phiên bản ba", "điều_hành")],
            revisions!.Select(r => (r.Version, r.Title, r.Editor)));

        var atVersionOne = await service.Anonymous.GetFromJsonAsync<PostAsItWas>($"/api/posts/{post.Id}?version=1");
        Assert.Equal(("Phiên bản một", "<p>Nội dung một</p>\n", 1L), (atVersionOne!.Title, atVersionOne.BodyHtml, atVersionOne.Version));
        var atTime = await service.Anonymous.GetFromJsonAsync<PostAsItWas>($"/api/posts/{post.Id}?at={Uri.EscapeDataString(between.ToString("O"))}");
        Assert.Equal("Phiên bản một", atTime!.Title);
        var latest = await service.Anonymous.GetFromJsonAsync<PostAsItWas>($"/api/posts/{post.Id}");
        Assert.Equal(("Phiên bản ba", 3L), (latest!.Title, latest.Version));

        Assert.Equal(HttpStatusCode.NotFound, (await service.Anonymous.GetAsync($"/api/posts/{post.Id}?version=9")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.Anonymous.GetAsync($"/api/posts/{post.Id}?at=2000-01-01T00:00:00Z")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await service.Anonymous.GetAsync($"/api/posts/{post.Id}?version=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await service.Anonymous.GetAsync($"/api/posts/{post.Id}?at=yesterday")).StatusCode);
    }

    [Fact]
    public async Task A_post_on_an_unknown_board_is_refused_naming_the_board()
    {
        var response = await _author.PostAsJsonAsync("/api/posts", new { board = "khong-ton-tai", title = "Lạc đường", body = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("board", out _));
    }

    [Fact]
    public async Task Admins_create_boards_once_and_posts_can_go_on_them()
    {
        var board = new { slug = "am-thuc", name = "Ẩm thực 음식", description = "Món ăn Việt ở Hàn" };

        Assert.Equal(HttpStatusCode.Forbidden, (await _moderator.PostAsJsonAsync("/api/boards", board)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("/api/boards", board)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PostAsJsonAsync("/api/boards", board)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _author.PostAsJsonAsync("/api/posts", new { board = "am-thuc", title = "Phở", body = "Ngon" })).StatusCode);
    }

    [Fact]
    public async Task A_fresh_forum_has_its_default_boards()
    {
        await using var session = service.Store.QuerySession();
        var boards = await session.Query<Forum.Posts.Boards.Board>().ToListAsync();

        Assert.Contains(boards, b => b is { Slug: "tin-tuc", Name: "Tin tức" });
        Assert.Contains(boards, b => b is { Slug: "hoi-dap", Name: "Hỏi đáp" });
        Assert.Contains(boards, b => b is { Slug: "doi-song", Name: "Đời sống" });
    }

    [Fact]
    public async Task Once_a_post_is_deleted_or_hidden_its_earlier_versions_and_revisions_are_for_moderators_alone()
    {
        var deleted = await PublishAsync(_author, "𝐁𝐚̀𝐢 𝐬𝐞̃ 𝐱𝐨𝐚́ — bài sẽ xoá", "Điều tác giả rút lại 한국어");
        Assert.Equal(HttpStatusCode.OK, (await EditAsync(_author, deleted.Id, "\"1\"", "Sửa trước khi xoá")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Anonymous.GetAsync($"/api/posts/{deleted.Id}?version=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _author.DeleteAsync($"/api/posts/{deleted.Id}")).StatusCode);

        var hidden = await PublishAsync(_author, "Bài bị ẩn", "Chờ xem xét");
        Assert.Equal(HttpStatusCode.NoContent, (await _moderator.PostAsync($"/api/posts/{hidden.Id}/hide", null)).StatusCode);

        var everyone = new[] { service.Anonymous, _stranger, _author };
        foreach (var id in new[] { deleted.Id, hidden.Id })
        {
            foreach (var path in new[] { $"/api/posts/{id}?version=1", $"/api/posts/{id}?at={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}", $"/api/posts/{id}/revisions" })
            {
                foreach (var reader in everyone)
                {
                    var answer = await reader.GetAsync(path);
                    Assert.True(answer.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
                }
            }
        }

        // Moderators still read what was, and the history keeps every event.
        var asItWas = await _moderator.GetFromJsonAsync<PostAsItWas>($"/api/posts/{deleted.Id}?version=1");
        Assert.Equal("Điều tác giả rút lại 한국어", asItWas!.BodyHtml.Replace("<p>", "").Replace("</p>\n", ""));
        Assert.Equal(2, (await _moderator.GetFromJsonAsync<List<Revision>>($"/api/posts/{deleted.Id}/revisions"))!.Count);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync($"/api/posts/{hidden.Id}?version=1")).StatusCode);
        await using var session = service.Store.QuerySession();
        Assert.Equal(3, (await session.Events.FetchStreamAsync(deleted.Id)).Count);
    }
}
