using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Security;

/// <summary>The forum as it runs for real for members in their first day: a day is new, and new members' limits apply.</summary>
public sealed class ForumWithNewMembers : ForumSystem
{
    protected override TimeSpan NewMemberPeriod => TimeSpan.FromDays(1);

    protected override int GatewayReplicaCount => 2;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateBoardAsync("thanh-vien-moi");
    }
}

/// <summary>A spammer's first day is not a veteran's: few links, no images, and fewer posts, on every gateway.</summary>
public sealed class New_members(ForumWithNewMembers forum) : IClassFixture<ForumWithNewMembers>
{
    private const string FourLinks =
        "Mua ngay https://example.org/khuyen-mai-cuc-lon-hom-nay-chi-co-mot-lan-1234567.html, [rẻ](https://example.org/a), " +
        "[rẻ hơn](https://example.org/b) và [rẻ nhất](https://example.org/c).";

    [Fact]
    public async Task A_new_member_s_post_with_four_links_or_an_image_is_refused_with_the_reason_and_uses_none_of_the_allowance()
    {
        using var member = await forum.SignUpAsync("người_mới_đến");
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(member.DefaultRequestHeaders.Authorization!.Parameter);
        Assert.InRange(DateTimeOffset.FromUnixTimeSeconds(long.Parse(token.Claims.Single(c => c.Type == "new_until").Value)),
            DateTimeOffset.UtcNow.AddHours(23), DateTimeOffset.UtcNow.AddHours(25));

        var links = await member.PostAsJsonAsync("/api/posts", new { board = "thanh-vien-moi", title = "Khuyến mãi", body = FourLinks });
        var image = await member.PostAsJsonAsync("/api/posts", new { board = "thanh-vien-moi", title = "Ảnh đẹp", body = "![mèo](/upload/0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0.webp)" });
        var plain = await member.PostAsJsonAsync("/api/posts", new { board = "thanh-vien-moi", title = "Xin chào cả nhà 안녕하세요", body = "Mình mới đến, xem https://vnexpress.net nhé." });

        Assert.Equal(HttpStatusCode.BadRequest, links.StatusCode);
        var linkProblem = await links.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("at most 3 links", linkProblem.GetProperty("errors").GetProperty("body")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, image.StatusCode);
        Assert.Contains("may not show images", (await image.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("body")[0].GetString());
        Assert.Equal(HttpStatusCode.Created, plain.StatusCode);
    }

    [Fact]
    public async Task A_new_member_waits_two_minutes_between_posts_on_either_gateway_while_the_admin_does_not()
    {
        using var member = await forum.SignUpAsync("mới_và_vội");
        using var onSecond = forum.OnGateway(member, 1);

        var first = await member.PostAsJsonAsync("/api/posts", new { board = "thanh-vien-moi", title = "Một", body = "x" });
        var second = await onSecond.PostAsJsonAsync("/api/posts", new { board = "thanh-vien-moi", title = "Hai", body = "x" });
        var admin = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            forum.Admin.PostAsJsonAsync("/api/posts", new { board = "thanh-vien-moi", title = $"Quản trị {i}", body = FourLinks })));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.InRange(second.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120));
        Assert.All(admin, answer => Assert.Equal(HttpStatusCode.Created, answer.StatusCode));
    }
}
