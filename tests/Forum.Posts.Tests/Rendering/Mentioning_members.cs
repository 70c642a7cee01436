using Forum.Content;

namespace Forum.Posts.Tests.Rendering;

/// <summary><c>@name</c> in a body: known members become links to their page, anything else stays as it was typed.</summary>
public sealed class Mentioning_members
{
    private static readonly MentionedMember Minh = new(Guid.NewGuid(), "Minh");
    private static readonly MentionedMember Jiwoo = new(Guid.NewGuid(), "김지우");
    private static readonly MentionedMember Anh = new(Guid.NewGuid(), "Đặng_Thị_Ánh");

    private static readonly Dictionary<string, MentionedMember> Known = new[] { Minh, Jiwoo, Anh }.ToDictionary(m => MemberNames.Key(m.UserName));

    private readonly MarkdownRenderer _renderer = new();

    [Fact]
    public void Known_names_become_links_to_their_page_in_any_case_and_script()
    {
        var rendered = _renderer.Render("Hỏi @minh và @김지우, cả @đặng_thị_ánh nữa.", Known);

        Assert.Contains("<a href=\"/users/Minh\" class=\"mention\">@minh</a>", rendered.Html);
        Assert.Contains($"<a href=\"/users/{Uri.EscapeDataString("김지우")}\" class=\"mention\">@김지우</a>", rendered.Html);
        // The sentence's full stop is not part of the name.
        Assert.Contains($"<a href=\"/users/{Uri.EscapeDataString("Đặng_Thị_Ánh")}\" class=\"mention\">@đặng_thị_ánh</a> nữa.", rendered.Html);
        Assert.Equal([Minh, Jiwoo, Anh], rendered.Mentioned);
    }

    [Fact]
    public void An_unknown_name_an_address_code_and_a_link_stay_plain_text()
    {
        var rendered = _renderer.Render(
            "@không_ai thì không; thư minh@example.org; `@minh` trong mã; [@minh](https://example.org/@minh)\n\n```\n@minh\n```", Known);

        Assert.DoesNotContain("class=\"mention\"", rendered.Html);
        Assert.Contains("@không_ai", rendered.Html);
        Assert.Contains("minh@example.org", rendered.Html);
        Assert.Empty(rendered.Mentioned);
    }

    [Fact]
    public void A_member_named_twice_is_mentioned_once_and_the_text_around_is_kept_escaped()
    {
        var rendered = _renderer.Render("<b>@minh</b> & @Minh!", Known);

        Assert.Equal([Minh], rendered.Mentioned);
        Assert.Equal(2, rendered.Html.Split("class=\"mention\"").Length - 1);
        Assert.Contains("&lt;b&gt;", rendered.Html);
        Assert.Contains("&amp;", rendered.Html);
        Assert.DoesNotContain("<b>", rendered.Html);
    }

    [Fact]
    public void Candidates_are_the_names_keyed_as_accounts_compare_and_few()
    {
        Assert.Equal(["minh", "김지우"], Mentions.CandidatesIn("@Minh @MINH, @김지우. a@b.c"));
        Assert.Equal(Mentions.MaxPerBody, Mentions.CandidatesIn(string.Join(' ', Enumerable.Range(0, 50).Select(i => $"@người_{i}"))).Count);
        Assert.Empty(Mentions.CandidatesIn(null));
    }
}
