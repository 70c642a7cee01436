using Forum.Gateway.Accounts;
using Forum.Content;
using Forum.EventSourcing;

namespace Forum.Gateway.Tests.Accounts;

/// <summary>Which user names and passwords an account may have.</summary>
public sealed class Choosing_a_user_name_and_password
{
    private static IDictionary<string, string[]> UserNameErrors(string? name)
    {
        var errors = new FieldErrors();
        AccountRules.CheckUserName(name, errors);
        return errors.ToDictionary();
    }

    [Theory]
    [InlineData("minh")]
    [InlineData("Nguyễn_Văn.A-1")]
    [InlineData("김민수")]
    [InlineData("ab_")]
    [InlineData("ẞtraße")]
    public void Letters_of_any_script_digits_and_underscore_dot_hyphen_are_accepted(string name)
    {
        Assert.Empty(UserNameErrors(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("emoji😀")]
    [InlineData("tab\tname")]
    [InlineData("<script>")]
    public void Other_characters_and_lengths_are_refused(string? name)
    {
        Assert.Equal(["userName"], UserNameErrors(name).Keys);
    }

    [Fact]
    public void Length_counts_what_a_reader_sees_as_characters()
    {
        // 32 Vietnamese letters written decomposed (letter + combining marks) are still 32 characters.
        var decomposed = string.Concat(Enumerable.Repeat("e\u0302\u0301", 32));

        Assert.Empty(UserNameErrors(decomposed));
        Assert.NotEmpty(UserNameErrors(decomposed + "e"));
    }

    [Fact]
    public void Names_that_differ_only_in_case_or_Unicode_form_are_the_same_name()
    {
        Assert.Equal(AccountRules.Normalize("Mính"), AccountRules.Normalize("MI\u0301NH"));
        Assert.Equal(AccountRules.Normalize("김민수"), AccountRules.Normalize("김민수"));
        Assert.NotEqual(AccountRules.Normalize("minh"), AccountRules.Normalize("mính"));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("123456789", false)]
    [InlineData("1234567890", true)]
    [InlineData("mật khẩu dài", true)]
    [InlineData("비밀번호는길어야합니다", true)]
    public void A_password_has_at_least_ten_characters(string password, bool accepted)
    {
        var errors = new FieldErrors();
        AccountRules.CheckPassword(password, errors);

        Assert.Equal(accepted, !errors.Any);
    }
}
