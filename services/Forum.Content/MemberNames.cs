using System.Text;

namespace Forum.Content;

/// <summary>
/// How member names are compared, so that two names a reader cannot tell apart cannot both be
/// registered (docs/decisions/2026-12-07-look-alike-names.md): by their <see cref="Key"/> (NFKC,
/// lower case: "Minh", "minh" and full-width "ｍｉｎｈ" are one name), by their
/// <see cref="Skeleton"/> (Cyrillic "сорсар" looks like Latin "copcap"), and no name mixes Latin,
/// Cyrillic and Greek letters (<see cref="MixesLookAlikeScripts"/>).
/// </summary>
public static class MemberNames
{
    public static string Key(string userName)
    {
        var trimmed = userName.Trim();
        var compatible = TextRules.HasLoneSurrogate(trimmed) ? trimmed : trimmed.Normalize(NormalizationForm.FormKC);
        return compatible.ToLowerInvariant();
    }

    /// <summary>The name as it was keyed before compatibility forms were folded (NFC, lower case): how accounts registered then are found.</summary>
    public static string LegacyKey(string userName) => TextRules.Normalize(userName.Trim())!.ToLowerInvariant();

    /// <summary>
    /// What the name looks like: its key with each letter that passes for another (Cyrillic and
    /// Greek look-alikes of Latin letters, digits that pass for letters) replaced by the one it passes for.
    /// </summary>
    public static string Skeleton(string userName)
    {
        var key = Key(userName);
        var skeleton = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            skeleton.Append(LooksLike.TryGetValue(c, out var latin) ? latin : c);
        }
        return skeleton.Replace("rn", "m").Replace("vv", "w").ToString();
    }

    /// <summary>Whether the name has letters of more than one of Latin, Cyrillic and Greek: the scripts whose letters pass for each other.</summary>
    public static bool MixesLookAlikeScripts(string userName)
    {
        var scripts = ScriptOf.None;
        foreach (var rune in userName.EnumerateRunes())
        {
            scripts |= Script(rune.Value);
        }
        return scripts is not (ScriptOf.None or ScriptOf.Latin or ScriptOf.Cyrillic or ScriptOf.Greek);
    }

    [Flags]
    private enum ScriptOf
    {
        None = 0,
        Latin = 1,
        Cyrillic = 2,
        Greek = 4,
    }

    private static ScriptOf Script(int c) => c switch
    {
        >= 'a' and <= 'z' or >= 'A' and <= 'Z' => ScriptOf.Latin,
        >= 0x00C0 and <= 0x024F and not 0x00D7 and not 0x00F7 => ScriptOf.Latin, // Latin-1 letters, Latin Extended-A and -B
        >= 0x1E00 and <= 0x1EFF => ScriptOf.Latin, // Latin Extended Additional: Vietnamese's letters with two marks
        >= 0x0370 and <= 0x03FF or >= 0x1F00 and <= 0x1FFF => ScriptOf.Greek,
        >= 0x0400 and <= 0x052F or >= 0x1C80 and <= 0x1C8F or >= 0x2DE0 and <= 0x2DFF or >= 0xA640 and <= 0xA69F => ScriptOf.Cyrillic,
        _ => ScriptOf.None,
    };

    /// <summary>Lower-case letters and digits that pass for Latin ones, after Unicode's confusables (UTS #39), limited to the scripts names mix up.</summary>
    private static readonly Dictionary<char, char> LooksLike = new()
    {
        // Cyrillic
        ['а'] = 'a', ['в'] = 'b', ['с'] = 'c', ['ԁ'] = 'd', ['е'] = 'e', ['ё'] = 'ë', ['һ'] = 'h', ['н'] = 'h', ['і'] = 'i', ['ї'] = 'ï',
        ['ј'] = 'j', ['к'] = 'k', ['ӏ'] = 'l', ['м'] = 'm', ['о'] = 'o', ['р'] = 'p', ['ԛ'] = 'q', ['ѕ'] = 's', ['т'] = 't',
        ['у'] = 'y', ['ԝ'] = 'w', ['х'] = 'x', ['ү'] = 'y',
        // Greek
        ['α'] = 'a', ['β'] = 'b', ['ε'] = 'e', ['η'] = 'n', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ο'] = 'o', ['ρ'] = 'p',
        ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x', ['γ'] = 'y', ['ζ'] = 'z', ['μ'] = 'u',
        // Digits and Latin letters that pass for others
        ['0'] = 'o', ['1'] = 'l', ['ı'] = 'i',
    };
}
