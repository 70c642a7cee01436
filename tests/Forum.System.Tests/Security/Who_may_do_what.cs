using System.Net;
using System.Net.Http.Json;
using System.Text;
using Forum.Testing;
using Xunit.Abstractions;

namespace Forum.System.Tests.Security;

/// <summary>
/// The authorization matrix: every command, tried by every kind of user through the gateway, and
/// straight at the service that owns it without a token. Each cell is the status a user gets.
/// </summary>
[Collection(SharedForum.Name)]
public sealed class Who_may_do_what(ForumSystem forum, ITestOutputHelper output)
{
    private enum Actor { Anonymous, Member, OtherMember, Moderator, Admin }

    /// <summary>One command: how to prepare and send it, and what each actor must get.</summary>
    private sealed record Command(string Name, Func<Task<HttpRequestMessage>> Request, Dictionary<Actor, HttpStatusCode> Expected);

    private static Dictionary<Actor, HttpStatusCode> Row(HttpStatusCode anonymous, HttpStatusCode member, HttpStatusCode otherMember, HttpStatusCode moderator, HttpStatusCode admin) =>
        new() { [Actor.Anonymous] = anonymous, [Actor.Member] = member, [Actor.OtherMember] = otherMember, [Actor.Moderator] = moderator, [Actor.Admin] = admin };

    private static HttpRequestMessage Json(HttpMethod method, string url, object? body = null) =>
        new(method, url) { Content = body is null ? null : JsonContent.Create(body) };

    private HttpClient _member = null!;
    private HttpClient _moderator = null!;
    private HttpClient _otherMember = null!;

    /// <summary>A fresh post by the member, so every cell acts on a post in the same state.</summary>
    private async Task<Guid> MembersPostAsync(params string[] moderation)
    {
        var created = await _member.PostAsJsonAsync("/api/posts", new { board = "tin-tuc", title = "Bài của thành viên", body = "Nội dung" });
        var id = (await created.Content.ReadFromJsonAsync<global::System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        foreach (var action in moderation)
        {
            (await _moderator.PostAsync($"/api/posts/{id}/{action}", null)).EnsureSuccessStatusCode();
        }
        return id;
    }

    /// <summary>A locked post, once the lock has reached the comments service (events take milliseconds).</summary>
    private async Task<Guid> LockedPostTheCommentsServiceKnowsAsync()
    {
        var postId = await MembersPostAsync("lock");
        await Eventually.ValueAsync(async () =>
        {
            await using var connection = new Npgsql.NpgsqlConnection(forum.DatabaseConnections["comments"]);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("select count(*) from forum.mt_doc_commentablepost where id = @id and (data->>'locked')::boolean", connection)
            {
                Parameters = { new("id", postId) },
            };
            return (long)(await command.ExecuteScalarAsync())!;
        }, locked => locked == 1);
        return postId;
    }

    /// <summary>A fresh comment by the member on a fresh post of theirs.</summary>
    private async Task<Guid> MembersCommentAsync()
    {
        var postId = await MembersPostAsync();
        var created = await _member.PostAsJsonAsync($"/api/posts/{postId}/comments", new { body = "Bình luận của thành viên" });
        return (await created.Content.ReadFromJsonAsync<global::System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A fresh post by the member, once the gateway's read model shows it (reports name what readers see).</summary>
    private async Task<Guid> VisibleMembersPostAsync()
    {
        var id = await MembersPostAsync();
        await Eventually.ValueAsync(async () => (await forum.Client.GetAsync($"/api/posts/{id}")).StatusCode, status => status == HttpStatusCode.OK);
        return id;
    }

    /// <summary>A fresh post by the member that another member reported.</summary>
    private async Task<Guid> ReportedPostAsync()
    {
        var id = await MembersPostAsync();
        await Eventually.ValueAsync(() => _otherMember.PostAsJsonAsync("/api/reports", new { postId = id, reason = "abuse" }),
            answer => answer.StatusCode == HttpStatusCode.Created, what: "the post to be reportable");
        return id;
    }

    /// <summary>A fresh post by the member that a moderator hid.</summary>
    private async Task<Guid> HiddenPostAsync()
    {
        var id = await MembersPostAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await _moderator.PostAsync($"/api/posts/{id}/hide", null)).StatusCode);
        return id;
    }

    /// <summary>A fresh post by the member, once the engagement service knows it (so it can be liked).</summary>
    private async Task<Guid> MembersLikeablePostAsync()
    {
        var id = await MembersPostAsync();
        await Eventually.ValueAsync(async () => (await _member.DeleteAsync($"/api/posts/{id}/like")).StatusCode,
            status => status == HttpStatusCode.NoContent, what: "the engagement service to know the post");
        return id;
    }

    private Command[] Commands() =>
    [
        new("comment on a post", async () => Json(HttpMethod.Post, $"/api/posts/{await MembersPostAsync()}/comments", new { body = "Xin chào" }),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created)),
        new("comment on a locked post", async () => Json(HttpMethod.Post, $"/api/posts/{await LockedPostTheCommentsServiceKnowsAsync()}/comments", new { body = "Xin chào" }),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict)),
        new("edit a member's comment", async () =>
            {
                var request = Json(HttpMethod.Put, $"/api/comments/{await MembersCommentAsync()}", new { body = "Đã sửa" });
                request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
                return request;
            },
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK)),
        new("delete a member's comment", async () => Json(HttpMethod.Delete, $"/api/comments/{await MembersCommentAsync()}"),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.NoContent, HttpStatusCode.Forbidden, HttpStatusCode.NoContent, HttpStatusCode.NoContent)),
        new("publish a post", () => Task.FromResult(Json(HttpMethod.Post, "/api/posts", new { board = "tin-tuc", title = "Quyền hạn", body = "Nội dung" })),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created)),
        new("edit a member's post", async () =>
            {
                var request = Json(HttpMethod.Put, $"/api/posts/{await MembersPostAsync()}", new { title = "Đã sửa", body = "Sửa" });
                request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
                return request;
            },
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK)),
        new("delete a member's post", async () => Json(HttpMethod.Delete, $"/api/posts/{await MembersPostAsync()}"),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.NoContent, HttpStatusCode.Forbidden, HttpStatusCode.NoContent, HttpStatusCode.NoContent)),
        new("lock a post", async () => Json(HttpMethod.Post, $"/api/posts/{await MembersPostAsync()}/lock"),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NoContent, HttpStatusCode.NoContent)),
        new("unlock a post", async () => Json(HttpMethod.Post, $"/api/posts/{await MembersPostAsync("lock")}/unlock"),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NoContent, HttpStatusCode.NoContent)),
        new("pin a post", async () => Json(HttpMethod.Post, $"/api/posts/{await MembersPostAsync()}/pin"),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NoContent, HttpStatusCode.NoContent)),
        new("unpin a post", async () => Json(HttpMethod.Post, $"/api/posts/{await MembersPostAsync("pin")}/unpin"),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NoContent, HttpStatusCode.NoContent)),
        new("edit a locked post", async () =>
            {
                var request = Json(HttpMethod.Put, $"/api/posts/{await MembersPostAsync("lock")}", new { title = "Sửa khi khoá", body = "Sửa" });
                request.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
                return request;
            },
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Conflict, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK)),
        new("like a member's post", async () => Json(HttpMethod.Put, $"/api/posts/{await MembersLikeablePostAsync()}/like"),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent)),
        new("unlike a member's post", async () => Json(HttpMethod.Delete, $"/api/posts/{await MembersLikeablePostAsync()}/like"),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent)),
        new("create a board", () => Task.FromResult(Json(HttpMethod.Post, "/api/boards", new { slug = $"bang-{Guid.NewGuid():N}"[..20], name = "Bảng mới" })),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Created)),
        new("edit a board", () => Task.FromResult(Json(HttpMethod.Put, "/api/boards/tin-tuc", new { name = "Tin tức", description = $"Tin trong ngày {Guid.NewGuid():N}", position = 1 })),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NoContent)),
        new("find members by name", () => Task.FromResult(Json(HttpMethod.Get, "/api/accounts?q=mục")),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK)),
        new("grant moderator", () => Task.FromResult(Json(HttpMethod.Put, "/api/accounts/mục_tiêu/roles/moderator")),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NoContent)),
        new("revoke moderator", () => Task.FromResult(Json(HttpMethod.Delete, "/api/accounts/mục_tiêu/roles/moderator")),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NoContent)),
        new("see one's own account", () => Task.FromResult(Json(HttpMethod.Get, "/api/accounts/me")),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK)),
        new("report a member's post", async () => Json(HttpMethod.Post, "/api/reports", new { postId = await VisibleMembersPostAsync(), reason = "spam" }),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created)),
        new("see the moderation queue", () => Task.FromResult(Json(HttpMethod.Get, "/api/moderation/reports")),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK)),
        new("dismiss reports", async () => Json(HttpMethod.Post, $"/api/moderation/reports/{await ReportedPostAsync()}/resolve", new { decision = "dismiss" }),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK)),
        // Last: the target stays suspended until the row after lifts it.
        new("suspend a member", () => Task.FromResult(Json(HttpMethod.Put, "/api/accounts/mục_tiêu/suspension", new { reason = "Thử quyền", until = DateTimeOffset.UtcNow.AddDays(1) })),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK)),
        new("list suspended members", () => Task.FromResult(Json(HttpMethod.Get, "/api/accounts/suspended")),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK)),
        new("lift a suspension", () => Task.FromResult(Json(HttpMethod.Delete, "/api/accounts/mục_tiêu/suspension")),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NoContent, HttpStatusCode.NoContent)),
        new("read the moderation log", () => Task.FromResult(Json(HttpMethod.Get, "/api/moderation/log")),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK)),
        new("hide a post", async () => Json(HttpMethod.Post, $"/api/posts/{await MembersPostAsync()}/hide"),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NoContent, HttpStatusCode.NoContent)),
        new("show a hidden post", async () => Json(HttpMethod.Post, $"/api/posts/{await HiddenPostAsync()}/unhide"),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NoContent, HttpStatusCode.NoContent)),
        new("hide a comment", async () => Json(HttpMethod.Post, $"/api/comments/{await MembersCommentAsync()}/hide"),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NoContent, HttpStatusCode.NoContent)),
        new("see the approval queue", () => Task.FromResult(Json(HttpMethod.Get, "/api/moderation/approvals")),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK)),
        // Nothing waits for approval here: a moderator is told so, anyone else is refused first.
        new("approve a held post", () => Task.FromResult(Json(HttpMethod.Post, $"/api/moderation/approvals/{Guid.NewGuid()}", new { decision = "approve" })),
            Row(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.NotFound)),
    ];

    [Fact]
    public async Task Every_command_answers_every_kind_of_user_as_expected_and_no_cell_is_unexpected()
    {
        var actors = new Dictionary<Actor, HttpClient>
        {
            [Actor.Anonymous] = forum.Anonymous(),
            [Actor.Member] = _member = await forum.SignUpAsync("thành_viên"),
            [Actor.OtherMember] = _otherMember = await forum.SignUpAsync("người_khác"),
            [Actor.Admin] = forum.Admin,
        };
        await forum.SignUpAsync("mục_tiêu");
        await forum.SignUpAsync("điều_hành");
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Admin.PutAsync("/api/accounts/điều_hành/roles/moderator", null)).StatusCode);
        actors[Actor.Moderator] = _moderator = await forum.SignInAsync("điều_hành");

        var table = new StringBuilder($"{"command",-24}" + string.Concat(Enum.GetNames<Actor>().Select(a => $"{a,13}")) + "\n");
        var unexpected = new List<string>();
        foreach (var command in Commands())
        {
            table.Append($"{command.Name,-24}");
            foreach (var actor in Enum.GetValues<Actor>())
            {
                using var request = await command.Request();
                var status = (await actors[actor].SendAsync(request)).StatusCode;
                table.Append($"{(int)status,13}");
                if (status != command.Expected[actor])
                {
                    unexpected.Add($"{command.Name} by {actor}: {(int)status}, expected {(int)command.Expected[actor]}");
                }
            }
            table.Append('\n');
        }
        output.WriteLine(table.ToString());
        Assert.Empty(unexpected);
    }

    [Fact]
    public async Task A_service_called_directly_without_a_token_refuses_and_with_a_gateway_token_accepts()
    {
        using var direct = new HttpClient { BaseAddress = forum.Posts.BaseAddress };
        var post = new { board = "tin-tuc", title = "Đi đường vòng", body = "Không qua cổng" };

        Assert.Equal(HttpStatusCode.Unauthorized, (await direct.PostAsJsonAsync("/api/posts", post)).StatusCode);

        using var member = await forum.SignUpAsync("đi_thẳng");
        direct.DefaultRequestHeaders.Authorization = member.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.Created, (await direct.PostAsJsonAsync("/api/posts", post)).StatusCode);
    }

    [Fact]
    public async Task Only_the_gateway_s_service_token_may_deliver_view_batches_and_the_gateway_does_not_route_them()
    {
        const string path = "/internal/view-batches";
        var batch = new { batchId = Guid.NewGuid(), hits = Array.Empty<object>() };
        var tokens = new Dictionary<string, (string? Token, HttpStatusCode Expected)>
        {
            ["anonymous"] = (null, HttpStatusCode.Unauthorized),
            ["member"] = (forum.SigningKey.Token("thành_viên_thường"), HttpStatusCode.Forbidden),
            ["moderator"] = (forum.SigningKey.Token("điều_hành_viên", roles: ["moderator"]), HttpStatusCode.Forbidden),
            ["admin"] = (forum.SigningKey.Token("quản_trị_viên", roles: ["admin"]), HttpStatusCode.Forbidden),
            ["another key"] = (new TestSigningKey().Token("gateway", roles: ["service"]), HttpStatusCode.Unauthorized),
            ["alg none"] = (TestSigningKey.Unsigned("gateway", ["service"]), HttpStatusCode.Unauthorized),
            ["service"] = (forum.SigningKey.Token("gateway", roles: ["service"]), HttpStatusCode.OK),
        };

        foreach (var (who, (token, expected)) in tokens)
        {
            using var engagement = new HttpClient { BaseAddress = forum.Engagement.BaseAddress };
            using var request = Json(HttpMethod.Post, path, batch);
            if (token is not null)
            {
                request.Headers.Authorization = new("Bearer", token);
            }
            var status = (await engagement.SendAsync(request)).StatusCode;
            Assert.True(status == expected, $"{who} at the engagement service: {status}, expected {expected}");
        }

        using var throughGateway = Json(HttpMethod.Post, path, batch);
        throughGateway.Headers.Authorization = new("Bearer", forum.SigningKey.Token("gateway", roles: ["service"]));
        Assert.Equal(HttpStatusCode.NotFound, (await forum.Client.SendAsync(throughGateway)).StatusCode);
    }

    [Fact]
    public async Task Tokens_signed_with_another_key_expired_unsigned_or_with_a_forged_role_are_refused_by_gateway_and_service()
    {
        using var member = await forum.SignUpAsync("giả_mạo");
        var genuine = member.DefaultRequestHeaders.Authorization!.Parameter!;
        var bad = new Dictionary<string, string>
        {
            ["another key"] = new TestSigningKey().Token("giả_mạo", roles: ["admin"]),
            ["expired"] = forum.SigningKey.Token("giả_mạo", lifetime: TimeSpan.FromMinutes(5), issuedAt: DateTime.UtcNow.AddHours(-2)),
            ["alg none"] = TestSigningKey.Unsigned("giả_mạo", ["admin"]),
            ["forged role"] = TestSigningKey.WithForgedRoles(genuine, ["admin"]),
        };

        foreach (var (name, token) in bad)
        {
            foreach (var (target, url, body) in new (Uri, string, object?)[]
                     {
                         (forum.Gateway.BaseAddress, "/api/accounts/giả_mạo/roles/moderator", null),
                         (forum.Gateway.BaseAddress, "/api/posts", new { board = "tin-tuc", title = "Giả", body = "x" }),
                         (forum.Posts.BaseAddress, "/api/posts", new { board = "tin-tuc", title = "Giả", body = "x" }),
                     })
            {
                using var client = new HttpClient { BaseAddress = target };
                using var request = Json(body is null ? HttpMethod.Put : HttpMethod.Post, url, body);
                request.Headers.Authorization = new("Bearer", token);
                var status = (await client.SendAsync(request)).StatusCode;
                Assert.True(status == HttpStatusCode.Unauthorized, $"{name} token at {target}{url}: {status}");
            }
        }
    }
}
