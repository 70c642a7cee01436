using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.System.Tests.Scaling;
using Forum.Testing;

namespace Forum.System.Tests.LivePages;

/// <summary>
/// Open pages are told what changes, through two gateway replicas on the real broker and
/// databases: a comment written through one gateway reaches a post page open on the other, with
/// the counts as the read model has them; a board page hears of new posts; a page that lost its
/// connection is given what it missed when it reconnects with Last-Event-ID; a member's bell
/// follows their unread count on every replica.
/// </summary>
public sealed class Pages_that_change_while_open(ReplicatedForum forum) : IClassFixture<ReplicatedForum>
{
    private const string Board = "song-o-han";

    [Fact]
    public async Task A_comment_and_a_like_through_one_gateway_reach_the_post_page_open_on_the_other()
    {
        await BoardAsync();
        using var author = await forum.SignUpAsync("tác_giả_trang_sống");
        using var reader = await forum.SignUpAsync("người_đọc_trang_sống");
        var post = await PublishAsync(author, "Kinh nghiệm thuê nhà ở Seoul — 서울 월세 경험");
        using var elsewhere = Through(1);
        await Eventually.ValueAsync(() => elsewhere.GetAsync($"/api/posts/{post}"), r => r.StatusCode == HttpStatusCode.OK, what: "the post on the second gateway");

        await using var page = await LiveStream.OpenAsync(elsewhere, $"/api/live/posts/{post}");
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Equal("text/event-stream", page.Response.Content.Headers.ContentType?.MediaType);
        await page.NextAsync("hello");

        var comment = await CommentAsync(reader, post, "Đặt cọc 보증금 thường là **10 triệu won**; hợp đồng ghi rõ ràng.");
        var told = await page.NextAsync(e => e.Type == "comment" && e.Data.GetProperty("commentId").GetGuid() == comment, what: "the new comment");
        Assert.Equal("added", told.Data.GetProperty("change").GetString());
        var counts = await page.NextAsync(e => e.Type == "counts" && e.Data.GetProperty("comments").GetInt64() == 1, what: "one comment counted");
        Assert.Equal(post, counts.Data.GetProperty("postId").GetGuid());
        Assert.True(long.Parse(counts.Id!) > long.Parse(told.Id!), "events are numbered in the order they happened");

        // What the page fetches to show it: the comment as the page renders it, counting no view.
        var fragment = await elsewhere.GetStringAsync($"/posts/{post}?handler=Comment&commentId={comment}");
        Assert.Contains($"id=\"c-{comment}\"", fragment);
        Assert.Contains("<strong>10 triệu won</strong>", fragment);
        Assert.Contains("보증금", fragment);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/posts/{post}?handler=Comment&commentId={Guid.NewGuid()}")).StatusCode);

        var liked = await Eventually.ValueAsync(() => reader.PutAsync($"/api/posts/{post}/like", null), r => r.StatusCode == HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.NoContent, liked.StatusCode);
        var afterLike = await page.NextAsync(e => e.Type == "counts" && e.Data.GetProperty("likes").GetInt64() == 1, what: "the like counted");

        // A view by a reader who has not seen the post yet is counted and told, too. (The anonymous
        // views above share one viewer window, so only a new viewer is sure to add one.)
        var viewsBefore = afterLike.Data.GetProperty("views").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/posts/{post}")).StatusCode);
        await page.NextAsync(e => e.Type == "counts" && e.Data.GetProperty("views").GetInt64() > viewsBefore, timeout: TimeSpan.FromSeconds(30), what: "the view counted");
    }

    [Fact]
    public async Task A_page_that_reconnects_with_Last_Event_ID_gets_what_it_missed_in_order_from_either_gateway()
    {
        await BoardAsync();
        using var author = await forum.SignUpAsync("tác_giả_kết_nối_lại");
        var post = await PublishAsync(author, "𝐓𝐇𝐎̂𝐍𝐆 𝐁𝐀́𝐎 lịch nghỉ Chuseok");
        using var first = Through(0);
        await Eventually.ValueAsync(() => first.GetAsync($"/api/posts/{post}"), r => r.StatusCode == HttpStatusCode.OK);

        string lastSeen;
        await using (var page = await LiveStream.OpenAsync(first, $"/api/live/posts/{post}"))
        {
            lastSeen = (await page.NextAsync("hello")).Id!;
        }

        // While the page is away, two comments come.
        var missed = new[]
        {
            await CommentAsync(author, post, "Nghỉ từ thứ Hai — 월요일부터"),
            await CommentAsync(author, post, "Ờ, nhớ mang ô: trời mưa 🌧️"),
        };
        using var second = Through(1);
        await Eventually.ValueAsync(async () => (await second.GetFromJsonAsync<JsonElement>($"/api/posts/{post}")).GetProperty("comments").GetInt64(), c => c == 2);

        await using var back = await LiveStream.OpenAsync(second, $"/api/live/posts/{post}", lastEventId: lastSeen);
        // What the log held when the stream began comes before hello; what the replica had not yet
        // read from it comes right after. Either way: both, in order, each numbered after the last seen.
        var replayed = new List<Guid>();
        while (replayed.Count < missed.Length)
        {
            var next = await back.NextAsync(e => e.Type == "comment", what: "the missed comments");
            Assert.True(long.Parse(next.Id!) > long.Parse(lastSeen));
            replayed.Add(next.Data.GetProperty("commentId").GetGuid());
        }
        Assert.Equal(missed, replayed);
    }

    [Fact]
    public async Task A_board_page_hears_of_a_new_post_and_of_its_posts_counts()
    {
        await BoardAsync();
        using var author = await forum.SignUpAsync("tác_giả_bảng_sống");
        using var elsewhere = Through(1);
        await using var board = await LiveStream.OpenAsync(elsewhere, $"/api/live/boards/{Board}");
        Assert.Equal(HttpStatusCode.OK, board.Response.StatusCode);
        await board.NextAsync("hello");

        var post = await PublishAsync(author, "Chợ Tết cộng đồng ở Ansan — 안산 설 장터");
        var told = await board.NextAsync(e => e.Type == "post" && e.Data.GetProperty("postId").GetGuid() == post, what: "the new post");
        Assert.Equal(Board, told.Data.GetProperty("board").GetString());
        await CommentAsync(author, post, "Có bánh chưng!");
        await board.NextAsync(e => e.Type == "counts" && e.Data.GetProperty("postId").GetGuid() == post && e.Data.GetProperty("comments").GetInt64() == 1,
            what: "the post's comment count on the board");
    }

    [Fact]
    public async Task A_members_bell_follows_their_unread_count_on_every_gateway_and_nobody_else_hears_it()
    {
        await BoardAsync();
        using var author = await forum.SignUpAsync("tác_giả_chuông_sống");
        using var other = await forum.SignUpAsync("người_khác_chuông");
        using var commenter = await forum.SignUpAsync("người_gõ_chuông");
        var post = await PublishAsync(author, "Hỏi: gia hạn thẻ cư trú F-6");

        using var authorOnFirst = Through(0, author);
        using var authorOnSecond = Through(1, author);
        await using var bellOnFirst = await LiveStream.OpenAsync(authorOnFirst, "/api/live/notifications");
        await using var bellOnSecond = await LiveStream.OpenAsync(authorOnSecond, $"/api/live/posts/{await Visible(post)}");
        await using var othersBell = await LiveStream.OpenAsync(Through(1, other), "/api/live/notifications");
        await Task.WhenAll(bellOnFirst.NextAsync("hello"), bellOnSecond.NextAsync("hello"), othersBell.NextAsync("hello"));

        await CommentAsync(commenter, post, "Bạn cần giấy xác nhận cư trú, 거주 확인서.");
        foreach (var bell in new[] { bellOnFirst, bellOnSecond })
        {
            var unread = await bell.NextAsync(e => e.Type == "unread" && e.Data.GetProperty("unread").GetInt64() == 1, what: "one unread on the bell");
            Assert.Null(unread.Id);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await author.PostAsJsonAsync("/api/notifications/read", new { })).StatusCode);
        await bellOnFirst.NextAsync(e => e.Type == "unread" && e.Data.GetProperty("unread").GetInt64() == 0, what: "the bell back to none");
        await Assert.ThrowsAsync<TimeoutException>(() => othersBell.NextAsync("unread", TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task Streams_of_what_does_not_exist_or_of_nobody_are_refused()
    {
        using var anonymous = forum.Anonymous();
        var unknownPost = await anonymous.GetAsync($"/api/live/posts/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknownPost.StatusCode);
        Assert.Equal("application/problem+json", unknownPost.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/live/boards/không-có-bảng-này")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/live/posts/not-a-guid")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/live/notifications")).StatusCode);
    }

    /// <summary>The tests' board, created by whichever test comes first.</summary>
    private async Task BoardAsync()
    {
        var created = await forum.Admin.PostAsJsonAsync("/api/boards", new { slug = Board, name = "Sống ở Hàn", description = "Đời sống người Việt ở Hàn Quốc." });
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        using var second = Through(1);
        await Eventually.ValueAsync(() => second.GetAsync($"/boards/{Board}"), r => r.StatusCode == HttpStatusCode.OK, what: "the board on the second gateway");
    }

    private async Task<Guid> Visible(Guid post)
    {
        using var second = Through(1);
        await Eventually.ValueAsync(() => second.GetAsync($"/api/posts/{post}"), r => r.StatusCode == HttpStatusCode.OK, what: "the post on the second gateway");
        return post;
    }

    private HttpClient Through(int gateway, HttpClient? as_ = null)
    {
        var client = new HttpClient { BaseAddress = forum.GatewayReplicas[gateway].BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = as_?.DefaultRequestHeaders.Authorization;
        return client;
    }

    private static async Task<Guid> PublishAsync(HttpClient client, string title)
    {
        var response = await Eventually.ValueAsync(() => client.PostAsJsonAsync("/api/posts", new { board = Board, title, body = "Nội dung bài viết có **đậm**." }),
            r => r.StatusCode == HttpStatusCode.Created, what: "the posts service to know the board");
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static Task<Guid> CommentAsync(HttpClient client, Guid post, string body, Guid? parentId = null) => client.CommentAsync(post, body, parentId);
}
