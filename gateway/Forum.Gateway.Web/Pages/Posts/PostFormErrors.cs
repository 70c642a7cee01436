using System.Net.Http.Json;
using System.Text.Json;
using Forum.Content;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Posts;

/// <summary>
/// A post form's refusal, field by field, in the reader's language. The posts service names the
/// field and says why in English; the page checks the value against the same rules
/// (<see cref="TextRules"/>, <see cref="PostLimits"/>) to say it in the reader's words, and keeps
/// the service's words for a rule it does not know.
/// </summary>
public sealed record PostFormErrors(string? Title, string? Body, string? Other, string? Tags = null)
{
    public static readonly PostFormErrors None = new(null, null, null);

    public bool Any => Title is not null || Body is not null || Other is not null || Tags is not null;

    public static async Task<PostFormErrors> FromAsync(HttpResponseMessage answer, string? title, string? body, IStringLocalizer text, CancellationToken cancellationToken)
    {
        var fields = await FieldsAsync(answer, cancellationToken);
        if (fields is null)
        {
            return new(null, null, await PostModel.ProblemText(answer, cancellationToken));
        }
        var others = string.Join(" ", fields.Where(field => field.Key is not "title" and not "body" and not "tags").SelectMany(field => field.Value));
        return new(
            fields.TryGetValue("title", out var titleErrors) ? TitleMessage(title, text) ?? string.Join(" ", titleErrors) : null,
            fields.TryGetValue("body", out var bodyErrors) ? BodyMessage(body, text) ?? string.Join(" ", bodyErrors) : null,
            others.Length == 0 ? null : others,
            fields.ContainsKey("tags") ? text["TagsInvalid", TagNames.MaxPerPost, TagNames.MaxCharacters].Value : null);
    }

    /// <summary>Why the title is refused, in the reader's words; null if none of these rules refuses it.</summary>
    public static string? TitleMessage(string? title, IStringLocalizer text)
    {
        var normalized = TextRules.Normalize(title)?.Trim();
        if (string.IsNullOrEmpty(normalized))
        {
            return text["TitleRequired"];
        }
        if (TextRules.HasForbiddenCharacters(normalized, allowLineBreaks: false))
        {
            return text["TitleControlCharacters"];
        }
        var length = TextRules.LengthInCharacters(normalized);
        return length > PostLimits.MaxTitleCharacters ? text["TitleTooLong", PostLimits.MaxTitleCharacters, length].Value : null;
    }

    private static string BodyMessage(string? body, IStringLocalizer text)
    {
        var normalized = TextRules.Normalize(body) ?? "";
        if (string.IsNullOrWhiteSpace(normalized))
        {
            return text["BodyRequired"];
        }
        if (TextRules.HasForbiddenCharacters(normalized, allowLineBreaks: true))
        {
            return text["BodyControlCharacters"];
        }
        // What is left for a body of the right length is the rule for a member's first days.
        return System.Text.Encoding.UTF8.GetByteCount(normalized) > PostLimits.MaxBodyBytes
            ? text["BodyTooLong", PostLimits.MaxBodyBytes / 1024]
            : text["BodyNewMember"];
    }

    private static async Task<Dictionary<string, string[]>?> FieldsAsync(HttpResponseMessage answer, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await answer.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            return problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
                ? errors.EnumerateObject().ToDictionary(field => field.Name, field => field.Value.EnumerateArray().Select(m => m.GetString() ?? "").ToArray())
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
