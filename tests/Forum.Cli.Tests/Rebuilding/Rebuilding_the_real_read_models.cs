using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.Cli.Tests.Rebuilding;

/// <summary><c>forumctl read-models rebuild</c> against the real gateway: it rebuilds, swaps, and the forum reads the same.</summary>
[Collection(ForumCollection.Name)]
public sealed class Rebuilding_the_real_read_models(ForumUnderTest forum)
{
    [Fact]
    public async Task The_command_follows_a_rebuild_to_its_swap_and_the_board_reads_the_same_after_it()
    {
        using var author = await forum.SignUpAsync("người_dựng_lại");
        var id = await forum.PublishAsync(author, "Dựng lại bằng forumctl 한국", body: "Thân bài");
        using var visitor = forum.Anonymous();
        var before = await Eventually.ValueAsync(async () => await visitor.GetAsync($"/api/posts/{id}") is { StatusCode: HttpStatusCode.OK } r
            ? await r.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null, what: "the post");
        // Once the visitor's view is counted, nothing else changes the board while it is rebuilt.
        var listingBefore = await Eventually.ValueAsync(() => visitor.GetStringAsync("/api/boards/tin-tuc/posts?pageSize=100"),
            listing => JsonDocument.Parse(listing).RootElement.GetProperty("posts").EnumerateArray()
                .Any(p => p.GetProperty("id").GetGuid() == id && p.GetProperty("views").GetInt64() == 1), what: "the view to be counted");

        var run = await forum.ForumctlAsync(["read-models", "rebuild", .. forum.AsAdmin]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Swapped", run.Output);
        Assert.Contains("events/s", run.Output);
        var status = await forum.Admin.GetFromJsonAsync<JsonElement>("/api/admin/read-models/rebuild");
        Assert.Equal("swapped", status.GetProperty("state").GetString());
        Assert.Equal(before!.Value.GetProperty("title").GetString(), (await visitor.GetFromJsonAsync<JsonElement>($"/api/posts/{id}")).GetProperty("title").GetString());
        Assert.Equal(listingBefore, await visitor.GetStringAsync("/api/boards/tin-tuc/posts?pageSize=100"));
    }
}
