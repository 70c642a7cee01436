using Forum.Content;

namespace Forum.Posts.Tests.Tagging;

/// <summary>Tags are keyed as member names are (NFKC, lower case), in any script, and refused with a reason otherwise.</summary>
public sealed class Normalising_tags
{
    [Theory]
    [InlineData("Tin Tức", "tin tức")]
    [InlineData("  hỏi   đáp ", "hỏi đáp")]
    [InlineData("한국어", "한국어")]
    [InlineData("ＴＩＮ　ＴỨＣ", "tin tức")] // full-width letters and an ideographic space fold
    [InlineData("𝐑𝐄𝐕𝐈𝐄𝐖", "review")] // mathematical bold folds to its letters
    [InlineData("c-sharp", "c-sharp")]
    [InlineData("Ｃ－ｓｈａｒｐ", "c-sharp")] // a full-width hyphen is a hyphen
    [InlineData("2026", "2026")]
    [InlineData("Москва", "москва")]
    public void A_tag_is_its_key(string typed, string key) =>
        Assert.Equal((key, null), TagNames.Normalize(typed));

    [Fact]
    public void Vietnamese_keeps_every_tone_mark_typed_composed_or_decomposed()
    {
        // a with no mark, grave, hook, tilde, acute, dot below: each is its own tag.
        string[] tones = ["ma", "mà", "mả", "mã", "má", "mạ"];
        var keys = tones.Select(t => TagNames.Normalize(t).Tag).ToList();
        Assert.Equal(tones, keys);
        Assert.Equal(6, keys.Distinct().Count());

        foreach (var tone in tones.Concat(["ơ", "ư", "đường", "Ặ", "Ễ", "Ự"]))
        {
            var decomposed = tone.Normalize(System.Text.NormalizationForm.FormD);
            Assert.Equal(tone.ToLowerInvariant(), TagNames.Normalize(decomposed).Tag);
        }
    }

    [Fact]
    public void Korean_typed_as_jamo_becomes_syllables()
    {
        var jamo = "한국어".Normalize(System.Text.NormalizationForm.FormD);
        Assert.NotEqual("한국어", jamo);
        Assert.Equal("한국어", TagNames.Normalize(jamo).Tag);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("tin\u0000tức")]
    [InlineData("tin\ttức")]
    [InlineData("tin\ntức")]
    [InlineData("tin\u0007")]
    [InlineData("a\u200Bb")] // zero-width space: not a letter
    [InlineData("c#")]
    [InlineData("<script>")]
    [InlineData("tin_tức")]
    [InlineData("-tin")]
    [InlineData("tin-")]
    [InlineData("tin--tức")]
    [InlineData("tin - tức")]
    [InlineData("\u0301a")] // starts with a mark
    [InlineData("\uD800x")] // a lone surrogate
    public void What_is_not_a_tag_is_refused_with_a_reason(string typed)
    {
        var (tag, error) = TagNames.Normalize(typed);
        Assert.Null(tag);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void A_tag_is_at_most_forty_characters_as_a_reader_counts_them()
    {
        Assert.Equal(40, TagNames.Normalize(new string('ệ', 40)).Tag!.Length);
        Assert.Null(TagNames.Normalize(new string('a', 41)).Tag);
        // Forty decomposed Vietnamese letters are 120 code units but forty characters.
        Assert.NotNull(TagNames.Normalize(string.Concat(Enumerable.Repeat("e\u0323\u0302", 40))).Tag);
        Assert.NotNull(TagNames.Normalize(string.Concat(Enumerable.Repeat("한", 40))).Tag);
        Assert.Null(TagNames.Normalize(string.Concat(Enumerable.Repeat("한", 41))).Tag);
    }

    [Fact]
    public void A_post_has_at_most_five_tags_and_the_same_tag_twice_counts_once()
    {
        var (tags, errors) = TagNames.NormalizeAll(["Tin tức", "TIN TỨC", "ｔｉｎ ｔức", "한국어", "a", "b", "c"]);
        Assert.Empty(errors);
        Assert.Equal(["tin tức", "한국어", "a", "b", "c"], tags);

        var (six, tooMany) = TagNames.NormalizeAll(["a", "b", "c", "d", "e", "f"]);
        Assert.Null(six);
        Assert.Contains(tooMany, e => e.Contains('5'));
    }

    [Fact]
    public void One_bad_tag_refuses_them_all() =>
        Assert.Null(TagNames.NormalizeAll(["tin tức", "c#"]).Tags);

    [Fact]
    public void Typed_tags_are_split_at_commas() =>
        Assert.Equal(["tin tức", "한국어", "hỏi đáp"], TagNames.SplitTyped(" tin tức , 한국어，hỏi đáp,, "));
}
