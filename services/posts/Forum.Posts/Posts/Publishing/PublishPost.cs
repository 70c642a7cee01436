using System.Text.RegularExpressions;
using Forum.ServiceDefaults.Content;

namespace Forum.Posts.Posts.Publishing;

/// <summary>Someone asks to publish a post on a board.</summary>
/// <remarks>The author is the signed-in user, taken from the token, never from the request.</remarks>
public sealed record PublishPost(Guid PostId, string? Board, string? Title, string? Body, string Author, DateTimeOffset Now);

/// <summary>The rules for publishing, as a pure function from command to event or refusal.</summary>
public static partial class PublishPostDecision
{
    public const int MaxTitleCharacters = 200;
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Either the event to append or the reasons, by field, why the command is refused.</summary>
    public static Decision<PostPublished> Decide(PublishPost command, MarkdownRenderer renderer)
    {
        var errors = new FieldErrors();

        var board = command.Board?.Trim();
        if (string.IsNullOrEmpty(board))
        {
            errors.Add("board", "A board is required.");
        }
        else if (!Slug().IsMatch(board))
        {
            errors.Add("board", "A board is named by its slug: lower-case letters, digits and single hyphens, at most 64 characters.");
        }

        var title = TextRules.Normalize(command.Title)?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            errors.Add("title", "A title is required.");
        }
        else if (TextRules.HasForbiddenCharacters(title, allowLineBreaks: false))
        {
            errors.Add("title", "The title may not contain control characters or line breaks.");
        }
        else if (TextRules.LengthInCharacters(title) > MaxTitleCharacters)
        {
            errors.Add("title", $"The title may be at most {MaxTitleCharacters} characters long.");
        }

        var body = TextRules.Normalize(command.Body) ?? "";
        if (string.IsNullOrWhiteSpace(body))
        {
            errors.Add("body", "A body is required.");
        }
        else if (System.Text.Encoding.UTF8.GetByteCount(body) > MaxBodyBytes)
        {
            errors.Add("body", $"The body may be at most {MaxBodyBytes / 1024} KiB.");
        }
        else if (TextRules.HasForbiddenCharacters(body, allowLineBreaks: true))
        {
            errors.Add("body", "The body may not contain control characters other than newline and tab.");
        }

        if (errors.Any)
        {
            return Decision<PostPublished>.Refused(errors);
        }

        var rendered = renderer.Render(body);
        return Decision<PostPublished>.Accepted(new PostPublished(
            command.PostId, board!, title!, body, rendered.Html, rendered.Excerpt, rendered.HasImage, command.Author, command.Now));
    }

    [GeneratedRegex("^(?=.{1,64}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();
}
