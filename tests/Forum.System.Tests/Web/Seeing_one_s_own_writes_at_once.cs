using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;
using Npgsql;

namespace Forum.System.Tests.Web;

/// <summary>
/// Read-your-own-writes on the web: a member who comments or likes through the page's forms is sent
/// to a page that shows it, even when the read models are slow to take it. Here they are held back
/// on purpose: a transaction locks the read model's table against writes (readers still read it).
/// </summary>
[Collection(SharedForum.Name)]
public sealed class Seeing_one_s_own_writes_at_once(ForumSystem forum)
{
    private static readonly TimeSpan HeldFor = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task A_comment_sent_through_the_form_while_the_projection_is_held_back_is_on_the_page_it_redirects_to()
    {
        const string member = "Lưu_bình_luận_ngay";
        var post = await PublishAsync(member, "Bình luận hiện ngay 𝐑𝐄𝐕𝐈𝐄𝐖");
        using var browser = await forum.SignInOnTheWebAsync(member);
        // Someone commented already: the comments service knows the post, so only the read model can be slow here.
        using (var first = await forum.SignInAsync(member))
        {
            await Eventually.ValueAsync(() => first.PostAsJsonAsync($"/api/posts/{post}/comments", new { body = "Bình luận đầu" }),
                r => r.StatusCode == HttpStatusCode.Created, what: "the first comment");
        }
        var form = await browser.GetStringAsync($"/posts/{post}");
        const string body = "Bình luận của tôi hiện ngay: ắằẳẵặ ếềểễệ 한국어";

        var (answer, answeredWhileHeld) = await WhileHeldBackAsync("commentview", () => browser.PostAsync($"/posts/{post}?handler=Comment", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["body"] = body, ["__RequestVerificationToken"] = WebFormTokens.OfForm(form) })));

        Assert.False(answeredWhileHeld, "The form answered before the read model held the comment.");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var page = await browser.GetStringAsync(answer.Headers.Location!.OriginalString);
        Assert.Contains(body, WebUtility.HtmlDecode(page));
    }

    [Fact]
    public async Task A_like_sent_through_the_form_while_the_projection_is_held_back_is_counted_on_the_page_it_redirects_to()
    {
        const string member = "Lưu_thích_ngay";
        var post = await PublishAsync("Lưu_tác_giả_được_thích", "Thích hiện ngay");
        (await forum.SignUpAsync(member)).Dispose();
        using var browser = await forum.SignInOnTheWebAsync(member);
        var form = await browser.GetStringAsync($"/posts/{post}");
        Assert.Contains("<span data-likes>0</span>", form);

        var (answer, answeredWhileHeld) = await WhileHeldBackAsync("postsummary", () => browser.PostAsync($"/posts/{post}?handler=Like", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["liked"] = "true", ["__RequestVerificationToken"] = WebFormTokens.OfForm(form) })));

        Assert.False(answeredWhileHeld, "The form answered before the read model counted the like.");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Contains("<span data-likes>1</span>", await browser.GetStringAsync(answer.Headers.Location!.OriginalString));
    }

    /// <summary>Sends the form while the read model's table takes no writes; whether its answer came before the hold ended.</summary>
    private async Task<(HttpResponseMessage Answer, bool AnsweredWhileHeld)> WhileHeldBackAsync(string document, Func<Task<HttpResponseMessage>> send)
    {
        await using var connection = new NpgsqlConnection(forum.DatabaseConnections["gateway"]);
        await connection.OpenAsync();
        await using var hold = await connection.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand($"LOCK TABLE forum.mt_doc_{document} IN EXCLUSIVE MODE", connection, hold))
        {
            await lockTable.ExecuteNonQueryAsync();
        }
        var sending = send();
        await Task.WhenAny(sending, Task.Delay(HeldFor));
        var answeredWhileHeld = sending.IsCompleted;
        await hold.RollbackAsync();
        return (await sending, answeredWhileHeld);
    }

    private async Task<Guid> PublishAsync(string userName, string title)
    {
        using var member = await forum.SignUpAsync(userName);
        var created = await member.PostAsJsonAsync("/api/posts", new { board = "tin-tuc", title, body = "Nội dung" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.ValueAsync(async () => (await forum.Client.GetAsync($"/api/posts/{id}")).StatusCode, s => s == HttpStatusCode.OK, what: "the post");
        return id;
    }
}
