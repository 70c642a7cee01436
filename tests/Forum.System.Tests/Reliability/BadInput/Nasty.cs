using System.Text;
using System.Text.Json.Nodes;

namespace Forum.System.Tests.Reliability.BadInput;

/// <summary>
/// Generated bad values from one seeded <see cref="Random"/>: the same seed gives the same
/// values in the same order, so any failure can be sent again.
/// </summary>
public sealed class Nasty(Random random)
{
    public Random Random { get; } = random;

    public T Pick<T>(params T[] options) => options[Random.Next(options.Length)];

    public bool Chance(double probability) => Random.NextDouble() < probability;

    /// <summary>Characters text fields must refuse: controls other than newline and tab, and lone surrogates.</summary>
    public string ForbiddenCharacter() => Pick("\u0000", "\u0001", "\u0007", "\u0008", "\u000b", "\u000c", "\u001b", "\u007f", "\u0085", "\u009b", "\ud800", "\udfff");

    /// <summary>Text that holds a forbidden character between visible ones, so trimming cannot remove it.</summary>
    public string WithForbiddenCharacter() => $"Tin{ForbiddenCharacter()}tức {Word()}";

    /// <summary>Text that is allowed but odd: scripts, combining marks, emoji, mathematical letters, markup.</summary>
    public string Word() => Pick(
        "Tin tức", "한국 생활", "𝐑𝐄𝐕𝐈𝐄𝐖", "e\u0301\u0301\u0301", "👩‍👩‍👧‍👦", "\u202eevil", "zero\u200bwidth", "<script>alert(1)</script>",
        "'; drop table mt_events; --", "../../etc/passwd", "%00", "{{7*7}}", "${jndi:ldap://x}", "\\u0000", "null", "x");

    public string Repeat(string unit, int length)
    {
        var text = new StringBuilder(length + unit.Length);
        while (text.Length < length)
        {
            text.Append(unit);
        }
        return text.ToString();
    }

    /// <summary>A JSON value of the wrong kind for a string field.</summary>
    public JsonNode WrongType() => Pick<Func<JsonNode>>(
        () => JsonValue.Create(42),
        () => JsonValue.Create(-1.5e308),
        () => JsonValue.Create(true),
        () => new JsonArray(JsonValue.Create("Tin tức")),
        () => new JsonObject { ["text"] = "Tin tức" },
        () => new JsonArray())();

    /// <summary>JSON nested far beyond any sensible depth.</summary>
    public string DeepJson()
    {
        var depth = Random.Next(65, 5000);
        var open = Chance(0.5) ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        return Repeat(open, depth * open.Length)[..(depth * open.Length)] + "1" + Repeat(close, depth)[..depth];
    }

    /// <summary>A body that is not a JSON object of the expected shape at all.</summary>
    public (byte[] Body, string Why) NotAnObject()
    {
        return Pick<Func<(byte[], string)>>(
            () => ([], "empty body"),
            () => ("{"u8.ToArray(), "truncated JSON"),
            () => ("{\"title\":\"x\","u8.ToArray(), "truncated JSON"),
            () => ("{'title':'x'}"u8.ToArray(), "single-quoted JSON"),
            () => ("{\"title\":\"x\"}}"u8.ToArray(), "trailing brace"),
            () => ("{\"title\":\"a\\x\"}"u8.ToArray(), "bad escape"),
            () => ("{\"title\":\"a\\ud800\"}"u8.ToArray(), "escaped lone surrogate"),
            () => ("null"u8.ToArray(), "JSON null"),
            () => ("[]"u8.ToArray(), "JSON array"),
            () => ("\"Tin tức\""u8.ToArray(), "JSON string"),
            () => ("12345678901234567890123456789"u8.ToArray(), "JSON number"),
            () => ("<post><title>x</title></post>"u8.ToArray(), "XML"),
            () => ("title=x&body=y"u8.ToArray(), "form encoded"),
            () => (Encoding.UTF8.GetBytes(DeepJson()), "deeply nested JSON"),
            () => ([0xEF, 0xBB, 0xBF, .. "{\"title\":"u8, 0xFF, 0xFE, .. "}"u8], "invalid UTF-8 after a BOM"),
            () => ([.. "{\"title\":\""u8, 0xC3, 0x28, 0xA0, 0xA1, 0xED, 0xA0, 0x80, .. "\"}"u8], "invalid UTF-8 in a string"),
            () => ([.. "{\"title\":\""u8, 0xF8, 0x88, 0x80, 0x80, 0x80, .. "\"}"u8], "five-byte UTF-8"),
            () => (RandomBytes(Random.Next(1, 2048)), "random bytes"),
            () => ("{\"a\":1,\"a\":2,"u8.ToArray(), "unterminated object"),
            () => (Encoding.Unicode.GetBytes("{\"title\":\"x\"}"), "UTF-16 JSON"))();
    }

    public byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Values that are not GUIDs, or GUIDs dressed so a strict reader refuses them.</summary>
    public string BadGuid() => Pick(
        "", "abc", "1", "-1", "0", "null", "undefined", "00000000-0000-0000-0000-00000000000", "00000000-0000-0000-0000-0000000000000",
        "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "%00", "%2e%2e", "..", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "'%20or%201=1--", "%F0%9D%90%91",
        "%C3%28", "%FF%FE", "1e400", "9223372036854775808", Repeat("a", Random.Next(100, 5000)), Guid.NewGuid().ToString("N")[..20],
        Guid.NewGuid() + "x", Guid.NewGuid() + "%20", "%7B" + Guid.NewGuid() + "%7D%7D");

    /// <summary>Page numbers, sizes and limits that no listing accepts, and a few it does.</summary>
    public string Number() => Pick(
        "-1", "0", "-2147483649", "2147483648", "9223372036854775807", "9223372036854775808", "99999999999999999999999", "1e9", "1.5",
        "0x10", "+1", " 1", "1 ", "%201", "NaN", "Infinity", "-0", "١", "１", "abc", "", "%00", Repeat("9", Random.Next(20, 3000)), "1", "2", "50");

    /// <summary>Dates and times, mostly ones that are not ISO 8601.</summary>
    public string Date() => Pick(
        "2026-13-01", "2026-02-30", "0000-01-01", "9999-12-31", "10000-01-01", "-2026-01-01", "yesterday", "1700000000", "2026/01/01",
        "01-02-2026", "2026-01-01T25:00:00Z", "2026-01-01T00:00:00+99:00", "", "%00", "0001-01-01T00:00:00Z", "2026-11-28",
        "2026-11-28T09:30:00Z", Repeat("2", Random.Next(20, 2000)));

    /// <summary>Values for If-Match that name no version of anything.</summary>
    public string BadEntityTag() => Pick("abc", "W/\"1\"", "\"-1\"", "*", "1", "\"99999999999999999999\"", "\"x\"", "\" 1\"", "\"0\"", "\"7\"", "\"", "\"\"", "\"1", "W/");

    /// <summary>Idempotency keys outside 1–200 visible ASCII characters.</summary>
    public string BadIdempotencyKey() => Pick(
        "", " ", "key with spaces", "khóa", "키", Repeat("k", 201), Repeat("k", Random.Next(202, 8000)), "a\tb", "\u007f");

    /// <summary>Text to put in a query string, percent-encoded or deliberately not.</summary>
    public string QueryValue() => Pick(
        Uri.EscapeDataString(Word()), "%", "%zz", "%00", "%C3%28", "%FF", "&&&", "==", "%2e%2e%2f", Uri.EscapeDataString(WithForbiddenCharacter()),
        Repeat("q", Random.Next(1000, 6000)), "a%0d%0aSet-Cookie:%20x=y", "latest", "views", "LIKES", "comments%00", "random");
}
