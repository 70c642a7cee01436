using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Contracts.Accounts;
using Forum.EventSourcing.PersonalData;
using Forum.Posts.Posts.Publishing;
using Forum.Testing;
using MassTransit;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Posts.Tests.Service;

/// <summary>
/// A member's name is stored in the posts service's events sealed with a key of their own; when
/// they leave, the key goes and every reading of those events (the post as it was, its revisions,
/// the event feed an export or a rebuild reads) names a former member, while nothing is rewritten.
/// </summary>
public sealed class A_member_who_leaves(PostsServiceFixture service) : IClassFixture<PostsServiceFixture>
{
    // Vietnamese with its tone marks, as a member would register it.
    private const string Leaving = "Nguyễn_Thị_Hằng_ở_Huế";
    private const string Staying = "Lê_Văn_Ở_Lại";

    [Fact]
    public async Task Their_name_is_never_stored_readable_and_after_they_leave_every_reading_of_their_events_names_a_former_member()
    {
        var leavingId = Guid.NewGuid();
        using var leaving = service.As(Leaving, leavingId);
        using var staying = service.As(Staying, Guid.NewGuid(), "moderator");
        var created = await leaving.PostAsJsonAsync("/api/posts", new { board = "tin-tuc", title = "Chào Huế — 안녕", body = "Nội dung của tôi" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var post = (await created.Content.ReadFromJsonAsync<PublishPostResponse>())!.Id;
        using (var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/posts/{post}") { Content = JsonContent.Create(new { title = "Chào Huế lần hai", body = "Sửa lại" }) })
        {
            edit.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            Assert.Equal(HttpStatusCode.OK, (await leaving.SendAsync(edit)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await staying.PostAsync($"/api/posts/{post}/lock", null)).StatusCode);

        // While they are a member, the service reads their name back...
        var revisions = await service.Anonymous.GetFromJsonAsync<JsonElement>($"/api/posts/{post}/revisions");
        Assert.Equal([Leaving, Leaving], revisions.EnumerateArray().Select(r => r.GetProperty("editor").GetString()));
        // ...but no table of its database holds it readable; a moderator's name is sealed with the moderator's own key.
        var stored = await StoredText.EveryRowAsync(service.Database);
        Assert.Contains(stored, row => row.Contains("Chào Huế lần hai", StringComparison.Ordinal));
        Assert.DoesNotContain(stored, row => row.Contains(Leaving, StringComparison.Ordinal) || row.Contains(Staying, StringComparison.Ordinal));

        await service.Services.GetRequiredService<IBus>().Publish(new MemberForgotten(leavingId, DateTimeOffset.UtcNow));

        var after = await Eventually.ValueAsync(
            () => service.Anonymous.GetFromJsonAsync<JsonElement>($"/api/posts/{post}/revisions"),
            r => r.EnumerateArray().All(x => x.GetProperty("editor").GetString() == MemberForgotten.FormerMemberName), what: "the revisions to name a former member");
        Assert.Equal(2, after.GetArrayLength());
        var asItWas = await service.Anonymous.GetFromJsonAsync<JsonElement>($"/api/posts/{post}?version=1");
        Assert.Equal(MemberForgotten.FormerMemberName, asItWas.GetProperty("author").GetString());
        Assert.Equal("Chào Huế — 안녕", asItWas.GetProperty("title").GetString());

        // The feed an export, a replay or a rebuild reads: the post and who locked it are still there, the leaver's name is not.
        using var historian = service.As("sử_gia", Guid.NewGuid(), "admin");
        var feed = await historian.GetStringAsync("/api/admin/events?after=0&limit=1000");
        var lines = feed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(l => StringsIn(l).Contains(post.ToString())).ToList();
        Assert.Equal(3, lines.Count);
        var said = lines.SelectMany(StringsIn).ToList();
        Assert.DoesNotContain(said, s => s.Contains(Leaving, StringComparison.Ordinal));
        Assert.Contains(MemberForgotten.FormerMemberName, said);
        Assert.Contains(Staying, said);

        // Forgetting twice is forgetting once; nothing of the history was rewritten or lost.
        await service.Services.GetRequiredService<MemberKeyRing>().ForgetAsync(leavingId, CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await service.Anonymous.GetAsync($"/api/posts/{post}/revisions")).StatusCode);
        await using var session = service.Store.QuerySession();
        Assert.Equal(3, (await session.Events.FetchStreamAsync(post)).Count);
    }

    private static IEnumerable<string> StringsIn(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => StringsIn(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(StringsIn),
        _ => [],
    };
}
