using Forum.EventSourcing.PersonalData;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Forum.Posts.Posts.Publishing;
using Forum.Testing;
using Integration = Forum.Contracts.Posts;

namespace Forum.Posts.Tests.Service;

/// <summary>The posts service host against a real PostgreSQL and RabbitMQ: what a client and the rest of the forum see.</summary>
public sealed class Posting_to_the_posts_service(PostsServiceFixture service) : IClassFixture<PostsServiceFixture>
{
    private const string Title = "𝐑𝐄𝐕𝐈𝐄𝐖 Tin tức 한국 생활";

    [Fact]
    public async Task A_published_post_is_answered_201_with_its_location_and_version_and_stored_as_its_first_event()
    {
        var response = await service.Client.PostAsJsonAsync("/api/posts", new { board = "tin-tuc", title = Title, body = "Xin **chào**", author = "someone-else" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<PublishPostResponse>();
        Assert.Equal(1, created!.Version);
        Assert.Equal($"/api/posts/{created.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);

        await using var session = service.Store.QuerySession();
        var stream = await session.Events.FetchStreamAsync(created.Id);
        var stored = Assert.Single(stream);
        var published = Assert.IsType<PostPublished>(stored.Data);
        Assert.Equal(Title, published.Title);
        Assert.Equal("<p>Xin <strong>chào</strong></p>\n", published.BodyHtml);
        Assert.Equal(PostsServiceFixture.Member, published.Author.Text);
        Assert.True(stored.Headers!.ContainsKey("traceparent"), "the request's trace context is stored with the event");
    }

    [Fact]
    public async Task The_committed_event_reaches_the_broker_with_its_event_id_stream_version_and_trace()
    {
        await using var observer = await BrokerObserver<Integration.PostPublished>.StartAsync(service.RabbitMq);

        var response = await service.Client.PostAsJsonAsync("/api/posts", new { board = "hoi-dap", title = Title, body = "Câu hỏi?" });
        var created = await response.Content.ReadFromJsonAsync<PublishPostResponse>();

        var delivered = await observer.WaitForAsync(m => m.PostId == created!.Id);
        await using var session = service.Store.QuerySession();
        var stored = Assert.Single(await session.Events.FetchStreamAsync(created!.Id));
        Assert.Equal(stored.Id, delivered.MessageId);
        Assert.Equal(Title, delivered.Message.Title);
        Assert.Equal(1L, delivered.Message.Version);
        Assert.Equal("posts", delivered.Headers["forum-source-service"]);
        Assert.Equal(stored.Sequence, Convert.ToInt64(delivered.Headers["forum-sequence"], System.Globalization.CultureInfo.InvariantCulture));
        var storedTrace = stored.Headers!["traceparent"].ToString()!;
        Assert.NotNull(delivered.TraceParent);
        Assert.Equal(storedTrace.Split('-')[1], delivered.TraceParent!.Split('-')[1]);
        // The service host keeps no traces (sample rate 0), yet the context goes on with the event,
        // marked "not kept", so every consumer follows that decision: a trace is kept whole or not at all.
        Assert.EndsWith("-00", delivered.TraceParent);
    }

    [Theory]
    [InlineData("{\"board\":\"tin-tuc\",\"title\":\"Thiếu ngoặc\"")]
    [InlineData("not json at all")]
    [InlineData("{\"board\":\"tin-tuc\",\"title\":123,\"body\":\"x\"}")]
    [InlineData("[]")]
    public async Task Malformed_JSON_is_refused_with_a_400_problem_and_changes_nothing(string json)
    {
        var before = await service.CountStoredEventsAsync();

        var response = await service.Client.PostAsync("/api/posts", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(before, await service.CountStoredEventsAsync());
    }

    [Fact]
    public async Task Invalid_UTF8_is_refused_with_a_400_problem()
    {
        var bytes = new ByteArrayContent([.. "{\"board\":\"tin-tuc\",\"title\":\""u8, 0xC3, 0x28, .. "\",\"body\":\"x\"}"u8]);
        bytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await service.Client.PostAsync("/api/posts", bytes);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_post_without_a_title_is_refused_with_a_problem_naming_the_field_and_changes_nothing()
    {
        var before = await service.CountStoredEventsAsync();

        var response = await service.Client.PostAsJsonAsync("/api/posts", new { board = "tin-tuc", title = "  ", body = "Nội dung" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("title", out _));
        Assert.Equal(before, await service.CountStoredEventsAsync());
    }

    [Fact]
    public async Task Without_a_valid_token_nothing_is_published()
    {
        var before = await service.CountStoredEventsAsync();
        var post = new { board = "tin-tuc", title = "Không được phép", body = "x" };
        var otherKey = new TestSigningKey();

        foreach (var token in new string?[]
                 {
                     null,
                     "not-a-token",
                     otherKey.Token("minh"),
                     service.SigningKey.Token("minh", lifetime: TimeSpan.FromMinutes(5), issuedAt: DateTime.UtcNow.AddHours(-1)),
                     service.SigningKey.Token("minh", issuer: "someone-else"),
                     service.SigningKey.Token("minh", audience: "another-app"),
                     TestSigningKey.Unsigned("minh", ["admin"]),
                     TestSigningKey.WithForgedRoles(service.SigningKey.Token("minh"), ["admin"]),
                 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/posts") { Content = JsonContent.Create(post) };
            if (token is not null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }
            var response = await service.Anonymous.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{token}: {response.StatusCode}");
        }
        Assert.Equal(before, await service.CountStoredEventsAsync());
    }

    [Fact]
    public async Task A_service_token_is_no_member_and_publishes_nothing()
    {
        using var gatewayToken = service.As("gateway", Guid.NewGuid(), "service");

        var response = await gatewayToken.PostAsJsonAsync("/api/posts", new { board = "tin-tuc", title = "Máy viết", body = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public void Nothing_that_changes_state_is_open_to_anonymous_callers()
    {
        Assert.Empty(EndpointAudit.AnonymousStateChangingEndpoints(service.Services));
    }

    [Fact]
    public async Task The_service_reports_ready_when_its_database_and_broker_are_reachable()
    {
        var response = await service.Client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
