using System.Globalization;
using System.Text;
using Forum.Content;
using Forum.EventSourcing;

namespace Forum.Gateway.Accounts;

/// <summary>What makes a user name and a password acceptable.</summary>
public static class AccountRules
{
    public const int MinUserNameCharacters = 3;
    public const int MaxUserNameCharacters = 32;
    public const int MinPasswordCharacters = 10;
    public const int MaxPasswordCharacters = 256;

    /// <summary>The form in which user names are compared: NFKC, then lower case.</summary>
    public static string Normalize(string userName) => MemberNames.Key(userName);

    /// <summary>Letters of any script (with their marks), digits, and <c>_ . -</c>; 3–32 characters.</summary>
    public static void CheckUserName(string? userName, FieldErrors errors)
    {
        var name = TextRules.Normalize(userName?.Trim());
        if (string.IsNullOrEmpty(name))
        {
            errors.Add("userName", "A user name is required.");
            return;
        }
        if (TextRules.HasForbiddenCharacters(name, allowLineBreaks: false) || !name.EnumerateRunes().All(IsAllowed))
        {
            errors.Add("userName", "A user name holds only letters, digits, '_', '.' and '-'.");
            return;
        }
        var length = TextRules.LengthInCharacters(name);
        if (length is < MinUserNameCharacters or > MaxUserNameCharacters)
        {
            errors.Add("userName", $"A user name is {MinUserNameCharacters} to {MaxUserNameCharacters} characters long.");
        }
        else if (MemberNames.MixesLookAlikeScripts(name))
        {
            errors.Add("userName", "A user name keeps to one of the Latin, Cyrillic and Greek alphabets: their letters pass for each other.");
        }
    }

    public static void CheckPassword(string? password, FieldErrors errors, string field = "password")
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, "A password is required.");
            return;
        }
        var length = TextRules.LengthInCharacters(password);
        if (length < MinPasswordCharacters)
        {
            errors.Add(field, $"A password is at least {MinPasswordCharacters} characters long.");
        }
        else if (length > MaxPasswordCharacters || TextRules.HasForbiddenCharacters(password, allowLineBreaks: false))
        {
            errors.Add(field, $"A password is at most {MaxPasswordCharacters} characters, without control characters.");
        }
    }

    private static bool IsAllowed(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.DecimalDigitNumber => true,
        _ => rune.Value is '_' or '.' or '-',
    };
}
