using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Forum.Testing;

namespace Forum.System.Tests.Feeds;

/// <summary>A board's Atom feed, as a feed reader fetches it through the gateway.</summary>
[Collection(SharedForum.Name)]
public sealed class Board_feeds(ForumSystem forum)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static async Task<Guid> PublishAsync(HttpClient client, string board, string title, string body)
    {
        var response = await client.PostAsJsonAsync("/api/posts", new { board, title, body });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<XDocument> FeedAsync(string slug, int entries)
    {
        var text = await Eventually.ValueAsync(
            () => forum.Client.GetStringAsync($"/boards/{slug}/feed"),
            xml => XDocument.Parse(xml).Root!.Elements(Atom + "entry").Count() == entries, what: $"{entries} entries in the feed of {slug}");
        return XDocument.Parse(text);
    }

    [Fact]
    public async Task The_board_page_links_to_its_feed_in_words_a_reader_sees_in_their_language()
    {
        await forum.CreateBoardAsync("co-nguon-tin", "Có nguồn tin");

        using var vietnamese = new HttpRequestMessage(HttpMethod.Get, "/boards/co-nguon-tin");
        vietnamese.Headers.AcceptLanguage.ParseAdd("vi");
        var page = await (await forum.Client.SendAsync(vietnamese)).Content.ReadAsStringAsync();
        using var english = new HttpRequestMessage(HttpMethod.Get, "/boards/co-nguon-tin");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var englishPage = await (await forum.Client.SendAsync(english)).Content.ReadAsStringAsync();

        Assert.Contains("<a class=\"feed\" href=\"/boards/co-nguon-tin/feed\" type=\"application/atom+xml\">Theo dõi chuyên mục này (nguồn tin Atom)</a>", WebUtility.HtmlDecode(page));
        Assert.Contains(">Follow this board (Atom feed)</a>", englishPage);
        Assert.Equal(HttpStatusCode.OK, (await forum.Client.GetAsync("/boards/co-nguon-tin/feed")).StatusCode);
    }

    [Fact]
    public async Task A_boards_feed_is_Atom_with_its_posts_newest_first_titles_exact_and_bodies_as_html()
    {
        await forum.CreateBoardAsync("nhat-ky", "Nhật ký 일기");
        using var lan = await forum.SignUpAsync("lan_nguồn_tin");
        var older = await PublishAsync(lan, "nhat-ky", "Ngày đầu tiên ở Seoul 서울", "Trời **lạnh** quá!");
        var newer = await PublishAsync(lan, "nhat-ky", "𝐑𝐄𝐕𝐈𝐄𝐖 Tin tức 한국 생활 <script>", "Xin *chào* & tạm biệt.");

        var response = await forum.Client.GetAsync("/boards/nhat-ky/feed");
        var feed = await FeedAsync("nhat-ky", 2);

        Assert.Equal("application/atom+xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var root = feed.Root!;
        Assert.Equal(Atom + "feed", root.Name);
        Assert.Equal("Nhật ký 일기", root.Element(Atom + "title")!.Value);
        Assert.StartsWith("urn:uuid:", root.Element(Atom + "id")!.Value);
        Assert.True(DateTimeOffset.TryParse(root.Element(Atom + "updated")!.Value, out _));
        var entries = root.Elements(Atom + "entry").ToList();
        Assert.Equal(["𝐑𝐄𝐕𝐈𝐄𝐖 Tin tức 한국 생활 <script>", "Ngày đầu tiên ở Seoul 서울"], entries.Select(e => e.Element(Atom + "title")!.Value));
        Assert.Equal([$"urn:uuid:{newer}", $"urn:uuid:{older}"], entries.Select(e => e.Element(Atom + "id")!.Value));
        Assert.EndsWith($"/posts/{older}", entries[1].Element(Atom + "link")!.Attribute("href")!.Value);
        Assert.Equal("lan_nguồn_tin", entries[1].Element(Atom + "author")!.Element(Atom + "name")!.Value);
        var content = entries[1].Element(Atom + "content")!;
        Assert.Equal("html", content.Attribute("type")!.Value);
        Assert.Contains("<strong>lạnh</strong>", content.Value);
        Assert.Contains("lạnh", entries[1].Element(Atom + "summary")!.Value);
        Assert.True(DateTimeOffset.TryParse(entries[1].Element(Atom + "published")!.Value, out _));
        Assert.True(DateTimeOffset.TryParse(entries[1].Element(Atom + "updated")!.Value, out _));
    }

    [Fact]
    public async Task A_feed_holds_the_latest_twenty_posts()
    {
        await forum.CreateBoardAsync("nhieu-bai", "Nhiều bài");
        using var writer = await forum.SignUpAsync("viết_nguồn_tin");
        var ids = new List<Guid>();
        for (var i = 0; i < 21; i++)
        {
            ids.Add(await PublishAsync(writer, "nhieu-bai", $"Bài số {i}", "Nội dung."));
        }

        await Eventually.ValueAsync(() => forum.Client.GetFromJsonAsync<JsonElement>("/api/boards/nhieu-bai/posts"), l => l.GetProperty("totalPosts").GetInt32() == 21);
        var feed = await FeedAsync("nhieu-bai", 20);

        Assert.Equal(Enumerable.Reverse(ids).Take(20).Select(id => $"urn:uuid:{id}"),
            feed.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value));
    }

    [Fact]
    public async Task An_unknown_boards_feed_is_a_404_problem()
    {
        var response = await forum.Client.GetAsync("/boards/khong-co-bang-nay/feed");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
