using System.Text.RegularExpressions;
using Forum.Content;
using Forum.EventSourcing;

namespace Forum.Gateway.Accounts.Profiles;

/// <summary>What a profile may hold: a display name on one line in any script, a Markdown bio, and an avatar that is one of the forum's own uploads.</summary>
public static partial class ProfileRules
{
    public const int MaxDisplayNameCharacters = 50;
    public const int MaxBioCharacters = 2_000;

    public static string? CheckDisplayName(string? displayName, FieldErrors errors)
    {
        var name = TextRules.Normalize(displayName)?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }
        if (TextRules.HasForbiddenCharacters(name, allowLineBreaks: false) || TextRules.LengthInCharacters(name) > MaxDisplayNameCharacters)
        {
            errors.Add("displayName", $"A display name is at most {MaxDisplayNameCharacters} characters, on one line.");
        }
        return name;
    }

    public static string? CheckBio(string? bio, FieldErrors errors)
    {
        var text = TextRules.Normalize(bio)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (TextRules.HasForbiddenCharacters(text, allowLineBreaks: true) || TextRules.LengthInCharacters(text) > MaxBioCharacters)
        {
            errors.Add("bio", $"A bio is at most {MaxBioCharacters} characters.");
        }
        return text;
    }

    /// <summary>An avatar is the address the upload API gave (<c>/upload/{sha256}.webp</c>), or nothing.</summary>
    public static string? CheckAvatar(string? avatar, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(avatar))
        {
            return null;
        }
        if (!UploadPath().IsMatch(avatar))
        {
            errors.Add("avatar", "An avatar is an image uploaded first with POST /api/uploads: give the url it answered, such as /upload/…webp.");
        }
        return avatar;
    }

    [GeneratedRegex("^/upload/[0-9a-f]{64}\\.webp$")]
    private static partial Regex UploadPath();
}
