using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;

namespace Forum.System.Tests.Search;

/// <summary>Searching the forum's posts through the gateway, in Vietnamese, Korean and fragments of words.</summary>
[Collection(SharedForum.Name)]
public sealed class Searching_posts(ForumSystem forum)
{
    private static async Task<Guid> PublishAsync(HttpClient client, string board, string title, string body)
    {
        var response = await client.PostAsJsonAsync("/api/posts", new { board, title, body });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private Task<JsonElement> SearchAsync(string query) =>
        forum.Client.GetFromJsonAsync<JsonElement>($"/api/search?{query}");

    /// <summary>Searches until the answer satisfies <paramref name="until"/>: the read model trails the write by milliseconds.</summary>
    private Task<JsonElement> SearchUntilAsync(string query, Func<List<Guid>, bool> until) =>
        Eventually.ValueAsync(() => SearchAsync(query), listing => until(Ids(listing)), what: $"search {query}");

    private static List<Guid> Ids(JsonElement listing) =>
        listing.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList();

    [Fact]
    public async Task Tin_tuc_without_accents_in_capitals_or_with_combining_accents_finds_a_post_titled_Tin_tuc()
    {
        using var lan = await forum.SignUpAsync("lan_tìm");
        var id = await PublishAsync(lan, "tin-tuc", "Tin tức cộng đồng Hà Nội", "Mời bà con đến dự **hội chợ**.");

        var plain = await SearchUntilAsync("q=tin%20tuc", ids => ids.Contains(id));
        var capitals = await SearchAsync($"q={Uri.EscapeDataString("TIN TỨC")}");
        var place = await SearchAsync("q=ha%20noi");
        // The same words typed with combining accents (as some keyboards send them) are the same words.
        var decomposed = await SearchAsync($"q={Uri.EscapeDataString("Tin tức".Normalize(global::System.Text.NormalizationForm.FormD))}");

        Assert.Contains(id, Ids(plain));
        Assert.Contains(id, Ids(capitals));
        Assert.Contains(id, Ids(place));
        Assert.Contains(id, Ids(decomposed));
        var found = plain.GetProperty("posts").EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == id);
        Assert.Equal("Tin tức cộng đồng Hà Nội", found.GetProperty("title").GetString());
        Assert.Equal("lan_tìm", found.GetProperty("author").GetString());
        Assert.Equal((1, 20), (plain.GetProperty("page").GetInt32(), plain.GetProperty("pageSize").GetInt32()));
    }

    [Fact]
    public async Task A_Korean_word_finds_a_post_that_writes_it_inside_a_longer_word_and_a_fragment_of_a_word_finds_its_post()
    {
        using var minji = await forum.SignUpAsync("김민지");
        var korean = await PublishAsync(minji, "doi-song", "Kinh nghiệm sinh sống", "저는 한국생활 3년차입니다. 질문 환영해요!");
        var vietnamese = await PublishAsync(minji, "doi-song", "Chia sẻ về quyển sách Thuyềnnhân", "Một cuốn sách rất hay.");

        await SearchUntilAsync($"q={Uri.EscapeDataString("한국")}", ids => ids.Contains(korean));
        Assert.Contains(korean, Ids(await SearchAsync($"q={Uri.EscapeDataString("생활")}")));
        Assert.Contains(vietnamese, Ids(await SearchUntilAsync("q=thuyenn", ids => ids.Contains(vietnamese))));
        // Hangul typed as separate jamo (decomposed) is the same word as its syllables.
        Assert.Contains(korean, Ids(await SearchAsync($"q={Uri.EscapeDataString("생활".Normalize(global::System.Text.NormalizationForm.FormD))}")));
        Assert.DoesNotContain(vietnamese, Ids(await SearchAsync($"q={Uri.EscapeDataString("한국")}")));
    }

    [Fact]
    public async Task Posts_with_the_word_in_their_title_come_before_those_with_it_only_in_their_body_then_the_newest_first()
    {
        using var hoa = await forum.SignUpAsync("hoa_xếp");
        var olderTitle = await PublishAsync(hoa, "hoi-dap", "Hỏi về Bánhcuốngiòn cũ", "Ở đâu ngon?");
        var newerTitle = await PublishAsync(hoa, "hoi-dap", "Bánhcuốngiòn mới", "Có ai biết không?");
        var body = await PublishAsync(hoa, "hoi-dap", "Ăn sáng ở Sài Gòn", "Tôi thích bánhcuốngiòn nhất.");

        var listing = await SearchUntilAsync("q=banhcuongion", ids => ids.Count == 3);

        Assert.Equal([newerTitle, olderTitle, body], Ids(listing));
    }

    [Fact]
    public async Task The_board_filter_keeps_only_that_boards_posts()
    {
        using var tuan = await forum.SignUpAsync("tuấn_lọc");
        var news = await PublishAsync(tuan, "tin-tuc", "Thông báo Lọcbảngthử", "Tin mới.");
        var question = await PublishAsync(tuan, "hoi-dap", "Câu hỏi Lọcbảngthử", "Ai giúp với?");

        await SearchUntilAsync("q=locbangthu", ids => ids.Count == 2);
        var filtered = await SearchAsync("q=locbangthu&board=hoi-dap");

        Assert.Equal([question], Ids(filtered));
        Assert.Equal("hoi-dap", filtered.GetProperty("board").GetString());
        Assert.Equal(1, filtered.GetProperty("totalPosts").GetInt64());
        Assert.DoesNotContain(question, Ids(await SearchAsync("q=locbangthu&board=tin-tuc")));
        Assert.Contains(news, Ids(await SearchAsync("q=locbangthu&board=tin-tuc")));
    }

    [Fact]
    public async Task A_deleted_post_is_never_found_again()
    {
        using var author = await forum.SignUpAsync("người_xóa");
        var gone = await PublishAsync(author, "rao-vat", "Bán xe Xoábàinày", "Xe còn mới.");
        var kept = await PublishAsync(author, "rao-vat", "Mua xe Xoábàinày", "Cần mua gấp.");
        await SearchUntilAsync("q=xoabainay", ids => ids.Count == 2);

        Assert.Equal(HttpStatusCode.NoContent, (await author.DeleteAsync($"/api/posts/{gone}")).StatusCode);

        var listing = await SearchUntilAsync("q=xoabainay", ids => !ids.Contains(gone));
        Assert.Equal([kept], Ids(listing));
        Assert.Equal(1, listing.GetProperty("totalPosts").GetInt64());
        Assert.DoesNotContain(gone, Ids(await SearchAsync("q=xoab")));
    }

    [Fact]
    public async Task Twenty_five_results_come_twenty_a_page_each_once()
    {
        using var writer = await forum.SignUpAsync("người_viết_nhiều");
        var published = new List<Guid>();
        for (var i = 0; i < 25; i++)
        {
            published.Add(await PublishAsync(writer, "viec-lam", $"Tuyển dụng Phântrang số {i}", "Lương tốt, 한국어 가능."));
        }

        var first = await SearchUntilAsync("q=phantrang", _ => true);
        first = await Eventually.ValueAsync(() => SearchAsync("q=phantrang"), l => l.GetProperty("totalPosts").GetInt64() == 25);
        var second = await SearchAsync("q=phantrang&page=2");
        var third = await SearchAsync("q=phantrang&page=3");
        var small = await SearchAsync("q=phantrang&pageSize=10&page=3");

        Assert.Equal((25, 2, 20), (first.GetProperty("totalPosts").GetInt64(), first.GetProperty("totalPages").GetInt32(), Ids(first).Count));
        Assert.Equal(5, Ids(second).Count);
        Assert.Empty(Ids(third));
        Assert.Equal(published.Order(), Ids(first).Concat(Ids(second)).Order());
        Assert.Equal(Enumerable.Reverse(published).Take(20), Ids(first));
        Assert.Equal((3, 10, 5), (small.GetProperty("totalPages").GetInt32(), small.GetProperty("pageSize").GetInt32(), Ids(small).Count));
    }

    [Theory]
    [InlineData("/api/search", "q")]
    [InlineData("/api/search?q=", "q")]
    [InlineData("/api/search?q=%20%20", "q")]
    [InlineData("/api/search?q=a&page=0", "page")]
    [InlineData("/api/search?q=a&page=abc", "page")]
    [InlineData("/api/search?q=a&pageSize=101", "pageSize")]
    public async Task A_missing_query_or_a_bad_page_is_a_400_problem_naming_it(string url, string field)
    {
        var response = await forum.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_query_longer_than_two_hundred_characters_is_a_400_problem_naming_q()
    {
        var response = await forum.Client.GetAsync($"/api/search?q={Uri.EscapeDataString(new string('ữ', 201))}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("q", out _));
    }
}
