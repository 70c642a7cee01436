using Forum.EventSourcing.PersonalData;
using System.Text;
using Forum.Posts.Posts;
using Forum.Posts.Posts.Publishing;
using Forum.Content;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;

namespace Forum.Posts.Tests.Publishing;

/// <summary>Given no post, when someone publishes, then a PostPublished event or a refusal naming the field.</summary>
public sealed class Publishing_a_post
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 30, 0, TimeSpan.Zero);
    private static readonly MarkdownRenderer Renderer = new();

    private static readonly Actor Minh = new(Guid.NewGuid(), "minh", IsModerator: false);

    private static Decision<PostPublished> Publish(string? title, string? body = "Nội dung bài viết.", string? board = "tin-tuc") =>
        PublishPostDecision.Decide(new PublishPost(Guid.NewGuid(), board, title, body, Minh, Now), slug => slug is "tin-tuc" or "hoi-dap", Renderer);

    [Fact]
    public void Keeps_Vietnamese_Korean_and_mathematical_letters_exactly_as_typed()
    {
        var decision = Publish("𝐑𝐄𝐕𝐈𝐄𝐖 Tin tức 한국 생활");

        Assert.True(decision.IsAccepted);
        Assert.Equal("𝐑𝐄𝐕𝐈𝐄𝐖 Tin tức 한국 생활", decision.Event!.Title);
        Assert.Equal("tin-tuc", decision.Event.Board);
        Assert.Equal(Now, decision.Event.PublishedAt);
    }

    [Fact]
    public void Normalises_decomposed_Vietnamese_to_NFC_and_trims_the_title()
    {
        var decomposed = "  Tin tu\u031B\u0301c  ";

        var decision = Publish(decomposed);

        Assert.Equal("Tin tức", decision.Event!.Title);
        Assert.True(decision.Event.Title.IsNormalized(NormalizationForm.FormC));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t ")]
    public void Refuses_a_missing_title(string? title)
    {
        var decision = Publish(title);

        Assert.False(decision.IsAccepted);
        Assert.Contains("title", decision.Errors!.ToDictionary().Keys);
    }

    [Fact]
    public void Counts_the_title_in_characters_a_reader_sees_not_UTF16_units()
    {
        var twoHundredBoldLetters = string.Concat(Enumerable.Repeat("𝐑", 200));
        Assert.Equal(400, twoHundredBoldLetters.Length);

        Assert.True(Publish(twoHundredBoldLetters).IsAccepted);
        Assert.False(Publish(twoHundredBoldLetters + "𝐑").IsAccepted);
    }

    [Theory]
    [InlineData("Bell\u0007")]
    [InlineData("Two\nlines")]
    public void Refuses_control_characters_and_line_breaks_in_the_title(string title)
    {
        Assert.Equal(["title"], Publish(title).Errors!.ToDictionary().Keys);
    }

    [Fact]
    public void Refuses_half_a_surrogate_pair_in_title_and_body()
    {
        // Built at run time: a lone surrogate would not survive as attribute data.
        var lone = "Lone " + (char)0xD835 + " surrogate";

        Assert.Equal(["body", "title"], Publish(lone, body: lone).Errors!.ToDictionary().Keys.Order());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Tin Tức")]
    [InlineData("tin_tuc")]
    [InlineData("../etc")]
    [InlineData("-tin")]
    [InlineData("khong-co")]
    public void Refuses_a_board_that_is_not_a_slug_or_does_not_exist(string? board)
    {
        Assert.Equal(["board"], Publish("Tiêu đề", board: board).Errors!.ToDictionary().Keys);
    }

    [Fact]
    public void Refuses_a_body_over_64_KiB_and_accepts_one_at_the_limit()
    {
        var atLimit = new string('a', 64 * 1024);
        Assert.True(Publish("Dài", body: atLimit).IsAccepted);
        Assert.Equal(["body"], Publish("Dài", body: atLimit + "a").Errors!.ToDictionary().Keys);
    }

    [Fact]
    public void Names_every_wrong_field_at_once()
    {
        var decision = Publish(title: "", body: "", board: "NOT A SLUG");

        Assert.Equal(["board", "body", "title"], decision.Errors!.ToDictionary().Keys.Order());
    }

    [Fact]
    public void Renders_the_body_once_to_safe_HTML_with_a_plain_text_excerpt()
    {
        var decision = Publish("Tiêu đề", body: "# Chào\n\n**Hà Nội** <script>alert(1)</script> [x](javascript:alert(1))");

        var published = decision.Event!;
        Assert.Contains("<strong>Hà Nội</strong>", published.BodyHtml);
        Assert.DoesNotContain("<script", published.BodyHtml);
        Assert.DoesNotContain("javascript:", published.BodyHtml);
        Assert.StartsWith("Chào Hà Nội", published.Excerpt);
    }

    [Fact]
    public void The_post_stream_starts_from_the_published_event()
    {
        var published = Publish("𝐑𝐄𝐕𝐈𝐄𝐖", body: "Xin chào")!.Event!;

        var post = Post.Create(published);

        Assert.Equal(new Post(published.PostId, "tin-tuc", "𝐑𝐄𝐕𝐈𝐄𝐖", "Xin chào", "<p>Xin chào</p>\n", Minh.Id, Minh.PersonalName(), Now), post);
    }
}
