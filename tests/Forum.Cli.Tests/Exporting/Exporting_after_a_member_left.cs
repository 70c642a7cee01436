using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using Forum.Testing;

namespace Forum.Cli.Tests.Exporting;

/// <summary>
/// An analyst's export of the whole history, taken after a member left, names them nowhere,
/// though their events are all still in it: the history was not rewritten, their key is gone.
/// </summary>
[Collection(ForumCollection.Name)]
public sealed class Exporting_after_a_member_left(ForumUnderTest forum) : IDisposable
{
    private const string Leaver = "Thuỷ_xuất_dữ_liệu_rời_đi";
    private const string Password = "mật-khẩu-đủ-dài";

    private readonly string _folder = Directory.CreateTempSubdirectory("forumctl-export-left-").FullName;

    [Fact]
    public async Task An_export_of_every_service_after_a_member_left_holds_their_events_but_not_their_name()
    {
        using var stayer = await forum.SignUpAsync("người_ở_lại_xuất");
        using var leaver = await forum.SignUpAsync(Leaver, Password);
        var theirs = await forum.PublishAsync(leaver, "Bài của người sẽ rời đi 한국");
        var other = await forum.PublishAsync(stayer, "Bài của người ở lại");
        await Eventually.ValueAsync(() => leaver.PostAsJsonAsync($"/api/posts/{other}/comments", new { body = "Bình luận sẽ ở lại" }),
            r => r.StatusCode == HttpStatusCode.Created, what: "the leaver's comment");
        await Eventually.ValueAsync(() => leaver.PutAsync($"/api/posts/{other}/like", null), r => r.StatusCode == HttpStatusCode.NoContent, what: "the leaver's like");
        await Eventually.ValueAsync(async () => (await forum.FeedAsync("engagement")).Any(e => e.GetProperty("streamId").GetGuid() == other),
            found => found, what: "the like in the engagement feed");

        var before = await ExportAsync("before");
        Assert.All(before, service => Assert.Contains(Leaver, service.Value, StringComparison.Ordinal));

        var left = await leaver.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/accounts/me") { Content = JsonContent.Create(new { password = Password }) });
        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        await Eventually.ValueAsync(() => ExportAsync("waiting"), exports => exports.Values.All(text => !text.Contains(Leaver, StringComparison.Ordinal)),
            timeout: TimeSpan.FromSeconds(60), what: "every service to forget the leaver");

        var after = await ExportAsync("after");
        foreach (var (service, text) in after)
        {
            Assert.DoesNotContain(Leaver, text, StringComparison.Ordinal);
            // Every event exported before is exported again: forgetting removed nothing from the history.
            Assert.Empty(EventIds(before[service]).Except(EventIds(text)));
        }
        Assert.Contains(theirs.ToString(), after["posts"], StringComparison.Ordinal);
        Assert.Contains("Bài của người sẽ rời đi 한국", after["posts"], StringComparison.Ordinal);
        Assert.Contains("Bình luận sẽ ở lại", after["comments"], StringComparison.Ordinal);
    }

    /// <summary>forumctl's NDJSON export of each service, its JSON written again without escapes, so that a name is found however the export spelled its letters.</summary>
    private async Task<Dictionary<string, string>> ExportAsync(string name)
    {
        var exports = new Dictionary<string, string>();
        foreach (var service in new[] { "posts", "comments", "engagement" })
        {
            var file = Path.Combine(_folder, $"{name}-{service}.ndjson");
            var run = await forum.ForumctlAsync(["events", "export", "--service", service, "--format", "ndjson", "--out", file, .. forum.AsAdmin]);
            Assert.True(run.ExitCode == 0, run.Output);
            exports[service] = string.Join('\n', File.ReadLines(file).Where(line => line.Length > 0).Select(line => JsonSerializer.Serialize(
                JsonSerializer.Deserialize<JsonElement>(line), new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));
        }
        return exports;
    }

    private static IEnumerable<Guid> EventIds(string export) =>
        export.Split('\n').Select(line => JsonSerializer.Deserialize<JsonElement>(line).GetProperty("eventId").GetGuid());

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
