using Forum.Gateway.Web;

namespace Forum.Gateway.Tests.Web;

/// <summary>Page numbers as a reader of a long board sees them: « 1 … 59 60 61 62 63 … 120 ».</summary>
public sealed class Numbering_pages
{
    private static string Render(int current, int total) =>
        string.Join(' ', Pager.Links(current, total).Select(l => l.IsGap ? "…" : l.Current ? $"[{l.Number}]" : $"{l.Number}"));

    [Theory]
    [InlineData(61, 120, "1 … 59 60 [61] 62 63 … 120")]
    [InlineData(1, 120, "[1] 2 3 … 120")]
    [InlineData(120, 120, "1 … 118 119 [120]")]
    [InlineData(3, 4, "1 2 [3] 4")]
    [InlineData(5, 9, "1 2 3 4 [5] 6 7 8 9")]
    [InlineData(1, 1, "[1]")]
    [InlineData(4, 70, "1 2 3 [4] 5 6 … 70")]
    public void Shows_the_ends_and_two_pages_either_side_with_gaps_between(int current, int total, string expected)
    {
        Assert.Equal(expected, Render(current, total));
    }

    [Fact]
    public void A_page_out_of_range_is_clamped()
    {
        Assert.Equal("1 … 8 9 [10]", Render(99, 10));
        Assert.Equal("[1] 2 3 … 10", Render(-3, 10));
    }

    [Theory]
    [InlineData("nguyễn_văn", "NV")]
    [InlineData("minh", "M")]
    [InlineData("김민수", "김")]
    [InlineData("lan.anh-2", "LA")]
    [InlineData("", "?")]
    public void Avatars_show_the_initials_of_a_user_name(string name, string initials)
    {
        Assert.Equal(initials, Display.Initials(name));
    }
}
