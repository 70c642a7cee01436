using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Forum.Testing;
using Npgsql;

namespace Forum.System.Tests.Tags;

/// <summary>
/// Tags through the gateway: authors tag posts in any script, readers list a tag's posts page by
/// page, search within a tag and see tags in the post, the listings and the feed; moderators rename,
/// merge and delete tags and every post follows; a rebuild of the read models gives the same tags.
/// A forum of its own: tags are forum-wide, and the rebuild here swaps every read model.
/// </summary>
public sealed class Tagging_posts(ForumSystem forum) : IClassFixture<ForumSystem>
{
    private const string Board = "the-gan";

    private static string TagPath(string tag, string rest = "posts") => $"/api/tags/{Uri.EscapeDataString(tag)}/{rest}";

    private static async Task<(Guid Id, long Version)> PublishAsync(HttpClient author, string title, params string[] tags)
    {
        var published = await author.PostAsJsonAsync("/api/posts", new { board = Board, title, body = $"Nội dung của {title} — 안녕하세요", tags });
        Assert.True(published.StatusCode == HttpStatusCode.Created, await published.Content.ReadAsStringAsync());
        var answer = await published.Content.ReadFromJsonAsync<JsonElement>();
        return (answer.GetProperty("id").GetGuid(), answer.GetProperty("version").GetInt64());
    }

    private async Task<JsonElement> ListingAsync(string path, Func<JsonElement, bool> until, string what) =>
        await Eventually.ValueAsync(() => forum.Client.GetFromJsonAsync<JsonElement>(path), until, what: what);

    private static List<Guid> Ids(JsonElement listing) => listing.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList();

    private static List<string> TagsOf(JsonElement item) => item.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToList();

    private async Task EnsureBoardAsync()
    {
        if ((await forum.Client.GetFromJsonAsync<JsonElement>("/api/boards")).EnumerateArray().All(b => b.GetProperty("slug").GetString() != Board))
        {
            await forum.CreateBoardAsync(Board, "Thẻ 태그");
        }
    }

    [Fact]
    public async Task Posts_tagged_in_Vietnamese_and_Korean_are_listed_by_tag_page_by_page_found_by_search_and_shown_in_the_post_and_the_feed()
    {
        await EnsureBoardAsync();
        using var author = await forum.SignUpAsync("tác_giả_gắn_thẻ");
        var posts = new List<Guid>();
        for (var i = 0; i < 21; i++)
        {
            // Typed as people type them: capitals, decomposed marks, full-width letters; stored as one key each.
            var tags = i < 5 ? new[] { i % 2 == 0 ? "Tin Tức" : "Tin Tức".Normalize(global::System.Text.NormalizationForm.FormD), "한국어" } : ["ＴＩＮ ＴỨＣ"];
            posts.Add((await PublishAsync(author, $"Bài {i} nhà trọ ở Seoul", tags)).Id);
        }
        posts.Reverse(); // newest first

        var page1 = await ListingAsync(TagPath("tin tức"), l => l.GetProperty("totalPosts").GetInt64() == 21, "21 posts tagged tin tức");
        Assert.Equal((1, 20, 2, "tin tức"), (page1.GetProperty("page").GetInt32(), page1.GetProperty("pageSize").GetInt32(), page1.GetProperty("totalPages").GetInt32(), page1.GetProperty("tag").GetString()));
        var page2 = await forum.Client.GetFromJsonAsync<JsonElement>(TagPath("tin tức") + "?page=2");
        Assert.Equal(posts, Ids(page1).Concat(Ids(page2)));
        Assert.All(page1.GetProperty("posts").EnumerateArray(), item => Assert.Contains("tin tức", TagsOf(item)));
        // Any way of typing the tag finds it.
        Assert.Equal(21, (await forum.Client.GetFromJsonAsync<JsonElement>(TagPath("TIN TỨC"))).GetProperty("totalPosts").GetInt64());

        var korean = await ListingAsync(TagPath("한국어") + "?pageSize=2&page=3", l => l.GetProperty("totalPosts").GetInt64() == 5, "5 posts tagged 한국어");
        Assert.Equal(3, korean.GetProperty("totalPages").GetInt32());
        Assert.Equal([posts[20]], Ids(korean));
        Assert.Equal(["tin tức", "한국어"], TagsOf(korean.GetProperty("posts")[0]));

        // Search, with and without the tag; the tag alone lists its posts.
        var all = await forum.Client.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString("nhà trọ")}&board={Board}");
        Assert.Equal(21, all.GetProperty("totalPosts").GetInt64());
        var withTag = await forum.Client.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString("nha tro")}&tag={Uri.EscapeDataString("한국어")}");
        Assert.Equal(posts.Skip(16).Order(), Ids(withTag).Order());
        Assert.Equal(5, (await forum.Client.GetFromJsonAsync<JsonElement>($"/api/search?tag={Uri.EscapeDataString("한국어")}")).GetProperty("totalPosts").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, (await forum.Client.GetAsync("/api/search?tag=c%23")).StatusCode);

        // The post's JSON and its board's listing.
        var post = await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{posts[20]}");
        Assert.Equal(["tin tức", "한국어"], TagsOf(post));
        var board = await forum.Client.GetFromJsonAsync<JsonElement>($"/api/boards/{Board}/posts?pageSize=100");
        Assert.Equal(["tin tức"], TagsOf(board.GetProperty("posts").EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == posts[0])));

        // The Atom feed: one category per tag.
        var feed = XDocument.Parse(await forum.Client.GetStringAsync($"/boards/{Board}/feed"));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entries = feed.Root!.Elements(atom + "entry").ToList();
        Assert.Equal(["tin tức"], entries.Single(e => e.Element(atom + "id")!.Value == $"urn:uuid:{posts[0]}").Elements(atom + "category").Select(c => c.Attribute("term")!.Value));
    }

    [Fact]
    public async Task A_bad_tag_is_refused_naming_tags_and_nothing_is_written()
    {
        await EnsureBoardAsync();
        using var author = await forum.SignUpAsync("tác_giả_thẻ_sai");
        var (post, version) = await PublishAsync(author, "Bài có thẻ đúng", "đúng");
        string[][] bad = [["a", "b", "c", "d", "e", "f"], ["tin\u0000tức"], [new string('x', 41)], ["c#"], [""], ["-"]];
        foreach (var tags in bad)
        {
            var publish = await author.PostAsJsonAsync("/api/posts", new { board = Board, title = "Bài có thẻ sai", body = "Không được lưu", tags });
            Assert.Equal(HttpStatusCode.BadRequest, publish.StatusCode);
            Assert.Equal("application/problem+json", publish.Content.Headers.ContentType?.MediaType);
            Assert.True((await publish.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("tags", out _));

            using var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/posts/{post}") { Content = JsonContent.Create(new { title = "Đổi tiêu đề", body = "Đổi", tags }) };
            edit.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
            var edited = await author.SendAsync(edit);
            Assert.Equal(HttpStatusCode.BadRequest, edited.StatusCode);
            Assert.True((await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("tags", out _));
        }
        var revisions = await author.GetFromJsonAsync<JsonElement>($"/api/posts/{post}/revisions");
        Assert.Equal(1, revisions.GetArrayLength());
        var search = await ListingAsync($"/api/search?q={Uri.EscapeDataString("có thẻ")}&board={Board}", l => l.GetProperty("totalPosts").GetInt64() >= 1, "the good post");
        Assert.Equal([post], Ids(search));
    }

    [Fact]
    public async Task Moderators_merge_rename_and_delete_tags_every_post_follows_members_may_not_and_revisions_show_each_change()
    {
        await EnsureBoardAsync();
        using var author = await forum.SignUpAsync("tác_giả_thẻ_gộp");
        var a = await PublishAsync(author, "Gộp A", "hỏi đáp", "visa");
        var b = await PublishAsync(author, "Gộp B", "visa");
        var c = await PublishAsync(author, "Gộp C", "hỏi-đáp", "visa");
        var d = await PublishAsync(author, "Gộp D", "hỏi-đáp");
        await ListingAsync(TagPath("visa"), l => l.GetProperty("totalPosts").GetInt64() == 3, "3 posts tagged visa");

        // Members and visitors may not.
        Assert.Equal(HttpStatusCode.Forbidden, (await author.PostAsJsonAsync(TagPath("visa", "merge"), new { into = "hỏi đáp" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await author.PostAsJsonAsync(TagPath("visa", "rename"), new { to = "thị thực" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await author.DeleteAsync($"/api/tags/{Uri.EscapeDataString("visa")}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forum.Anonymous().PostAsJsonAsync(TagPath("visa", "merge"), new { into = "hỏi đáp" })).StatusCode);
        // Bad targets name their field; an unknown tag is 404.
        var badTarget = await forum.Admin.PostAsJsonAsync(TagPath("visa", "rename"), new { to = "c#" });
        Assert.Equal(HttpStatusCode.BadRequest, badTarget.StatusCode);
        Assert.True((await badTarget.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("to", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await forum.Admin.PostAsJsonAsync(TagPath("visa", "merge"), new { into = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await forum.Admin.PostAsJsonAsync(TagPath("không có", "merge"), new { into = "visa" })).StatusCode);

        // Merge: every post of visa is under hỏi đáp, a post that had both has it once.
        var merged = await forum.Admin.PostAsJsonAsync(TagPath("VISA", "merge"), new { into = "Hỏi Đáp" });
        Assert.True(merged.StatusCode == HttpStatusCode.OK, await merged.Content.ReadAsStringAsync());
        Assert.Equal(3, (await merged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("posts").GetInt32());
        var target = await ListingAsync(TagPath("hỏi đáp"), l => l.GetProperty("totalPosts").GetInt64() == 3, "3 posts under hỏi đáp");
        Assert.Equal([c.Id, b.Id, a.Id], Ids(target));
        Assert.Equal(0, (await forum.Client.GetFromJsonAsync<JsonElement>(TagPath("visa"))).GetProperty("totalPosts").GetInt64());
        Assert.Equal(["hỏi đáp"], TagsOf(await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{a.Id}")));
        Assert.Equal(["hỏi-đáp", "hỏi đáp"], TagsOf(await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{c.Id}")));

        // Rename: not onto a tag in use (that is a merge), else every post follows.
        Assert.Equal(HttpStatusCode.Conflict, (await forum.Admin.PostAsJsonAsync(TagPath("hỏi-đáp", "rename"), new { to = "hỏi đáp" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await forum.Admin.PostAsJsonAsync(TagPath("hỏi-đáp", "rename"), new { to = "thủ tục" })).StatusCode);
        var renamed = await ListingAsync(TagPath("thủ tục"), l => l.GetProperty("totalPosts").GetInt64() == 2, "2 posts under thủ tục");
        Assert.Equal([d.Id, c.Id], Ids(renamed));
        Assert.Equal(0, (await forum.Client.GetFromJsonAsync<JsonElement>(TagPath("hỏi-đáp"))).GetProperty("totalPosts").GetInt64());

        // Delete: off every post, the posts stay.
        Assert.Equal(HttpStatusCode.OK, (await forum.Admin.DeleteAsync($"/api/tags/{Uri.EscapeDataString("thủ tục")}")).StatusCode);
        await ListingAsync(TagPath("thủ tục"), l => l.GetProperty("totalPosts").GetInt64() == 0, "no post under thủ tục");
        var dAfter = await Eventually.ValueAsync(() => forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{d.Id}"), p => TagsOf(p).Count == 0, what: "d without tags");
        Assert.Equal("Gộp D", dAfter.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await forum.Admin.DeleteAsync($"/api/tags/{Uri.EscapeDataString("thủ tục")}")).StatusCode);

        // The history: C's merge, rename and delete are revisions by the moderator, and each version shows its tags.
        var revisions = (await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{c.Id}/revisions")).EnumerateArray().ToList();
        Assert.Equal([1L, 2, 3, 4], revisions.Select(r => r.GetProperty("version").GetInt64()));
        Assert.Equal([["hỏi-đáp", "visa"], ["hỏi-đáp", "hỏi đáp"], ["thủ tục", "hỏi đáp"], ["hỏi đáp"]], revisions.Select(TagsOf));
        Assert.Equal(["tác_giả_thẻ_gộp", ForumSystem.AdminName, ForumSystem.AdminName, ForumSystem.AdminName], revisions.Select(r => r.GetProperty("editor").GetString()));
        var asItWas = await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{c.Id}?version=1");
        Assert.Equal(["hỏi-đáp", "visa"], TagsOf(asItWas));
        var now = await Eventually.ValueAsync(() => forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{c.Id}"), p => TagsOf(p).SequenceEqual(["hỏi đáp"]), what: "c after the delete");
        Assert.Equal(4, now.GetProperty("version").GetInt64());

        // The author's own change of tags alone is an edit with its revision.
        using var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/posts/{b.Id}") { Content = JsonContent.Create(new { title = "Gộp B", body = "Nội dung của Gộp B — 안녕하세요", tags = new[] { "생활", "hỏi đáp" } }) };
        edit.Headers.IfMatch.Add(new EntityTagHeaderValue("\"2\""));
        var edited = await author.SendAsync(edit);
        Assert.True(edited.StatusCode == HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        var bRevisions = (await forum.Client.GetFromJsonAsync<JsonElement>($"/api/posts/{b.Id}/revisions")).EnumerateArray().ToList();
        Assert.Equal(["생활", "hỏi đáp"], TagsOf(bRevisions[^1]));
        Assert.Equal(3, bRevisions[^1].GetProperty("version").GetInt64());
        await ListingAsync(TagPath("생활"), l => Ids(l).SequenceEqual([b.Id]), "b under 생활");
    }

    [Fact]
    public async Task A_rebuild_of_the_read_models_from_history_gives_the_same_tags()
    {
        await EnsureBoardAsync();
        using var author = await forum.SignUpAsync("tác_giả_dựng_lại_thẻ");
        var first = await PublishAsync(author, "Dựng lại 1", "dựng lại", "재건");
        var second = await PublishAsync(author, "Dựng lại 2", "dựng-lại");
        using (var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/posts/{second.Id}") { Content = JsonContent.Create(new { title = "Dựng lại 2 đã sửa", body = "Mới", tags = new[] { "dựng-lại", "𝐑𝐄𝐕𝐈𝐄𝐖" } }) })
        {
            edit.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
            Assert.Equal(HttpStatusCode.OK, (await author.SendAsync(edit)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await forum.Admin.PostAsJsonAsync(TagPath("dựng-lại", "merge"), new { into = "dựng lại" })).StatusCode);
        await ListingAsync(TagPath("dựng lại"), l => l.GetProperty("totalPosts").GetInt64() == 2, "both posts under dựng lại");
        await ListingAsync(TagPath("review"), l => Ids(l).SequenceEqual([second.Id]), "the second under review");

        var before = await TagsAsync();
        Assert.Equal("[\"dựng lại\", \"재건\"]", before[first.Id].Document);
        Assert.Equal("[\"dựng lại\", \"review\"]", before[second.Id].Document);

        var started = await forum.Admin.PostAsync("/api/admin/read-models/rebuild", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var status = await Eventually.ValueAsync(() => forum.Admin.GetFromJsonAsync<JsonElement>("/api/admin/read-models/rebuild"),
            s => s.GetProperty("state").GetString() is "swapped" or "failed", timeout: TimeSpan.FromSeconds(60), what: "the rebuild to finish");
        Assert.Equal("swapped", status.GetProperty("state").GetString());

        var after = await TagsAsync();
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (id, tags) in before)
        {
            Assert.Equal(tags, after[id]);
        }
        Assert.Equal([second.Id, first.Id], Ids(await forum.Client.GetFromJsonAsync<JsonElement>(TagPath("dựng lại"))));
    }

    // Each test keeps to tags of its own (tags are forum-wide): "tin tức" and "한국어" are the listing test's.

    /// <summary>Every post's tags as the read models hold them: the document's (and the version that set them) and the search row's.</summary>
    private async Task<Dictionary<Guid, (string Document, long Version, string Search)>> TagsAsync()
    {
        await using var connection = new NpgsqlConnection(forum.DatabaseConnections["gateway"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select p.id, (p.data -> 'tags')::text, (p.data ->> 'tagsVersion')::bigint, array_to_string(s.tags, '|')
            from forum.mt_doc_postsummary p join forum.post_search s on s.post_id = p.id
            """, connection);
        var tags = new Dictionary<Guid, (string, long, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tags[reader.GetGuid(0)] = (reader.GetString(1), reader.GetInt64(2), reader.GetString(3));
        }
        return tags;
    }
}
