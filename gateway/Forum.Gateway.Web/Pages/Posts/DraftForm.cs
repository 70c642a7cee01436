using Forum.EventSourcing;
using Forum.Gateway.Drafts;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Posts;

/// <summary>
/// The draft controls of a form (<c>_Draft</c>): the place the form keeps its draft at, whether a
/// draft is kept there, and what the status line says (that the form opened with the draft, that
/// it was saved, or why not).
/// </summary>
public sealed record DraftState(string Place, bool Kept = false, DateTimeOffset? RestoredFrom = null, string? Status = null)
{
    public static DraftState At(DraftPlace place, Draft? draft) => new(place.Name, draft is not null, draft?.UpdatedAt);
}

/// <summary>"Lưu nháp" without JavaScript, the same for the composer, the comment form and the edit page: the API's rules, the reader's words.</summary>
public static class DraftForm
{
    /// <summary>Saves the form's text as the member's draft; the new state, the refusals by field (title, body, other) and the answer's status.</summary>
    public static async Task<(DraftState State, PostFormErrors Errors, int Status)> SaveAsync(
        Forum.Gateway.Drafts.Drafts drafts, Guid memberId, DraftPlace place, string? title, string? body, long? version, IStringLocalizer text, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var checkedText = Forum.Gateway.Drafts.Drafts.Check(place, title, body, version, errors);
        if (errors.Any)
        {
            var fields = errors.ToDictionary();
            var bodyProblem = !fields.ContainsKey("body") ? null
                : Forum.Content.TextRules.HasForbiddenCharacters(Forum.Content.TextRules.Normalize(body) ?? "", allowLineBreaks: true)
                    ? text["BodyControlCharacters"].Value
                    : text["BodyTooLong", place.MaxBodyBytes / 1024].Value;
            var titleProblem = fields.ContainsKey("title") ? PostFormErrors.TitleMessage(title, text) : null;
            var other = fields.Keys.Any(field => field is not "title" and not "body") ? text["DraftNotSaved"].Value : null;
            return (new DraftState(place.Name, Status: text["DraftNotSaved"]), new PostFormErrors(titleProblem, bodyProblem, other), StatusCodes.Status400BadRequest);
        }
        var (outcome, saved) = await drafts.SaveAsync(memberId, place, checkedText, cancellationToken);
        return outcome switch
        {
            DraftOutcome.Saved or DraftOutcome.Unchanged => (new DraftState(place.Name, Kept: true, Status: text["DraftSaved"]), PostFormErrors.None, StatusCodes.Status200OK),
            DraftOutcome.Emptied => (new DraftState(place.Name, Status: text["DraftEmpty"]), PostFormErrors.None, StatusCodes.Status200OK),
            DraftOutcome.TooMany => (new DraftState(place.Name, Status: text["DraftNotSaved"]),
                PostFormErrors.None with { Other = text["DraftsFull", Forum.Gateway.Drafts.Drafts.MaxPerMember] }, StatusCodes.Status409Conflict),
            _ => (new DraftState(place.Name, Status: text["DraftNotSaved"]), PostFormErrors.None with { Other = text["DraftNoPlace"] }, StatusCodes.Status404NotFound),
        };
    }
}
