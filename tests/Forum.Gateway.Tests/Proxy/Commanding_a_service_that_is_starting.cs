using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

using Forum.Gateway.Tests.Accounts;

namespace Forum.Gateway.Tests.Proxy;

/// <summary>
/// A command sent while the service that owns it has not come up yet is refused at once with a
/// 503 that names the service and says it is starting, and when to try again.
/// </summary>
[Collection(nameof(GatewayCollection))]
public sealed class Commanding_a_service_that_is_starting(GatewayFixture gateway)
{
    [Fact]
    public async Task Answers_503_with_Retry_After_naming_the_service_that_is_starting()
    {
        Assert.Equal(HttpStatusCode.Created, (await gateway.RegisterAsync("vội_vàng")).StatusCode);
        using var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await gateway.TokenAsync("vội_vàng"));

        var refused = await client.PostAsJsonAsync("/api/posts", new { board = "tin-tuc", title = "Bài đầu tiên", body = "Xin chào" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("The posts service is still starting.", problem.GetProperty("title").GetString());
        Assert.Equal("posts", problem.GetProperty("service").GetString());
        Assert.True(problem.GetProperty("starting").GetBoolean());
    }
}
