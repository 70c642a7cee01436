using Forum.EventSourcing;
using Forum.Posts.Boards.Creating;

namespace Forum.Posts.Boards.Editing;

/// <summary>An admin asks to change a board's name, description or place in the list.</summary>
public sealed record EditBoard(string? Name, string? Description, int? Position, string EditedBy, DateTimeOffset Now);

/// <summary>The same rules as creating a board; the position orders the board list (smaller first).</summary>
public static class EditBoardDecision
{
    public const int MaxPosition = 9_999;

    public static Decision<BoardEdited> Decide(Board? board, EditBoard command)
    {
        if (board is null)
        {
            return Decision<BoardEdited>.Refused(Refusal.NotFound("No such board.", "There is no board with this slug."));
        }
        var errors = new FieldErrors();
        var (name, description) = CreateBoardDecision.CheckNameAndDescription(command.Name, command.Description, errors);
        var position = command.Position ?? board.Position;
        if (position is < 0 or > MaxPosition)
        {
            errors.Add("position", $"A position is a whole number from 0 to {MaxPosition}.");
        }
        if (errors.Any)
        {
            return Decision<BoardEdited>.Refused(errors, "The board cannot be changed.");
        }
        if (name == board.Name && description == board.Description && position == board.Position)
        {
            return Decision<BoardEdited>.Unchanged();
        }
        return Decision<BoardEdited>.Accepted(new BoardEdited(board.Id, name!, description, position, command.EditedBy, command.Now));
    }
}
