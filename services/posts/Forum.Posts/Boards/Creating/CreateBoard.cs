using Forum.Content;
using Forum.EventSourcing;

namespace Forum.Posts.Boards.Creating;

/// <summary>An admin asks for a new board.</summary>
public sealed record CreateBoard(string? Slug, string? Name, string? Description, string CreatedBy, DateTimeOffset Now);

/// <summary>The rules for a board: an ASCII slug for URLs, a name in any language.</summary>
public static class CreateBoardDecision
{
    public const int MaxNameCharacters = 100;
    public const int MaxDescriptionCharacters = 500;

    public static Decision<BoardCreated> Decide(Board? existing, CreateBoard command)
    {
        var errors = new FieldErrors();
        var slug = command.Slug?.Trim();
        if (!BoardSlug.IsValid(slug))
        {
            errors.Add("slug", "A slug is 1 to 64 lower-case letters, digits and single hyphens, such as 'tin-tuc'.");
        }
        var (name, description) = CheckNameAndDescription(command.Name, command.Description, errors);
        if (errors.Any)
        {
            return Decision<BoardCreated>.Refused(errors, "The board cannot be created.");
        }
        if (existing is not null)
        {
            return Decision<BoardCreated>.Refused(Refusal.Conflict("The slug is taken.", $"There already is a board '{slug}'."));
        }
        return Decision<BoardCreated>.Accepted(new BoardCreated(BoardSlug.StreamId(slug!), slug!, name!, description, command.CreatedBy, command.Now));
    }

    /// <summary>A board's name (one line, any language) and description, normalised; errors added by field. Creating and editing keep the same rules.</summary>
    public static (string? Name, string Description) CheckNameAndDescription(string? name, string? description, FieldErrors errors)
    {
        var normalizedName = TextRules.Normalize(name)?.Trim();
        if (string.IsNullOrEmpty(normalizedName) || TextRules.HasForbiddenCharacters(normalizedName, allowLineBreaks: false) || TextRules.LengthInCharacters(normalizedName) > MaxNameCharacters)
        {
            errors.Add("name", $"A name is 1 to {MaxNameCharacters} characters, on one line.");
        }
        var normalizedDescription = TextRules.Normalize(description)?.Trim() ?? "";
        if (TextRules.HasForbiddenCharacters(normalizedDescription, allowLineBreaks: true) || TextRules.LengthInCharacters(normalizedDescription) > MaxDescriptionCharacters)
        {
            errors.Add("description", $"A description is at most {MaxDescriptionCharacters} characters.");
        }
        return (normalizedName, normalizedDescription);
    }
}
