using AngleSharp.Html.Parser;
using Forum.Content;

namespace Forum.Posts.Tests.Rendering;

/// <summary>What reaches a reader's browser from a Markdown body.</summary>
public sealed class Rendering_markdown
{
    private static readonly MarkdownRenderer Renderer = new();

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<style>body{display:none}</style>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("![x](data:image/png;base64,AAAA)")]
    public void Nothing_executable_survives(string markdown)
    {
        var html = Renderer.Render(markdown).Html;

        // Typed HTML may show as text; what matters is what a browser would parse as markup.
        var document = new HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("script, style, iframe, object, embed"));
        var elements = document.Body!.QuerySelectorAll("*");
        Assert.DoesNotContain(elements.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(elements.SelectMany(e => e.Attributes), a =>
            a.Name is "href" or "src" && (a.Value.Contains("javascript:", StringComparison.OrdinalIgnoreCase) || a.Value.StartsWith("data:", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Links_are_marked_nofollow_ugc()
    {
        var html = Renderer.Render("[Hà Nội](https://vi.wikipedia.org/wiki/H%C3%A0_N%E1%BB%99i)").Html;

        Assert.Contains("rel=\"nofollow ugc\"", html);
        Assert.Contains("href=\"https://vi.wikipedia.org/wiki/H%C3%A0_N%E1%BB%99i\"", html);
    }

    [Fact]
    public void Images_show_only_from_our_own_uploads()
    {
        var ours = Renderer.Render("![ảnh](/upload/abc.webp)");
        var foreign = Renderer.Render("![tracker](https://tracker.example/pixel.gif)");

        Assert.True(ours.HasImage);
        Assert.Contains("src=\"/upload/abc.webp\"", ours.Html);
        Assert.False(foreign.HasImage);
        Assert.DoesNotContain("tracker.example", foreign.Html);
    }

    [Fact]
    public void The_excerpt_is_cut_on_a_character_boundary_never_inside_a_surrogate_pair_or_combining_sequence()
    {
        var body = string.Concat(Enumerable.Repeat("𝐑e\u0301", 150));

        var excerpt = Renderer.Render(body).Excerpt;

        Assert.EndsWith("…", excerpt);
        var kept = excerpt[..^1];
        Assert.Equal(MarkdownRenderer.ExcerptCharacters, new System.Globalization.StringInfo(kept).LengthInTextElements);
        Assert.False(char.IsHighSurrogate(kept[^1]));
        Assert.Equal("e\u0301", kept[^2..]);
    }
}
