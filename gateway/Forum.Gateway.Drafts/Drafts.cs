using Forum.Content;
using Forum.EventSourcing;
using Forum.Gateway.ReadModels.Boards;
using Forum.Gateway.ReadModels.Posts;
using Forum.ServiceDefaults.Telemetry;
using Marten;

namespace Forum.Gateway.Drafts;

/// <summary>A draft's text once checked: the title (null where the place has none, or none was typed), the body as typed, and an edit's version.</summary>
public sealed record DraftText(string? Title, string Body, long? Version)
{
    /// <summary>Nothing typed: saving it keeps no draft.</summary>
    public bool IsEmpty => Title is null && string.IsNullOrWhiteSpace(Body);
}

/// <summary>A draft as a member's list shows it: where it is, its title, the start of its text, and where to go on with it.</summary>
public sealed record DraftSummary(string Place, string Kind, string? Title, string Excerpt, DateTimeOffset UpdatedAt, string Url);

/// <summary>What saving a draft answers.</summary>
public enum DraftOutcome { Saved, Unchanged, Emptied, NoSuchPlace, TooMany }

/// <summary>Saving, reading and discarding a member's drafts, the API's and the pages' alike.</summary>
public sealed class Drafts(IDocumentSession session, BoardQueries boards, PostQueries posts, TimeProvider clock)
{
    /// <summary>Far more than anyone has open at once; a bound, so a script cannot grow a member's drafts without end.</summary>
    public const int MaxPerMember = 200;

    /// <summary>How much of a draft's text the list shows.</summary>
    public const int ExcerptCharacters = 200;

    /// <summary>
    /// The text normalised to NFC, by the rules of what is published from the place (the title's
    /// length in characters as readers count them, the body's in bytes), errors by field. A draft
    /// may be unfinished: an empty title or body is allowed, only too much or forbidden characters are not.
    /// </summary>
    public static DraftText Check(DraftPlace place, string? title, string? body, long? version, FieldErrors errors)
    {
        var checkedTitle = TextRules.Normalize(title)?.Trim();
        if (string.IsNullOrEmpty(checkedTitle))
        {
            checkedTitle = null;
        }
        else if (!place.HasTitle)
        {
            errors.Add("title", "A comment has no title.");
        }
        else if (TextRules.HasForbiddenCharacters(checkedTitle, allowLineBreaks: false))
        {
            errors.Add("title", "The title may not contain control characters or line breaks.");
        }
        else if (TextRules.LengthInCharacters(checkedTitle) > PostLimits.MaxTitleCharacters)
        {
            errors.Add("title", $"The title may be at most {PostLimits.MaxTitleCharacters} characters long.");
        }

        // The body is kept as typed (not trimmed): it comes back into the form exactly.
        var checkedBody = TextRules.Normalize(body) ?? "";
        if (TextRules.HasForbiddenCharacters(checkedBody, allowLineBreaks: true))
        {
            errors.Add("body", "The body may not contain control characters other than newline and tab.");
        }
        else if (System.Text.Encoding.UTF8.GetByteCount(checkedBody) > place.MaxBodyBytes)
        {
            errors.Add("body", $"The body may be at most {place.MaxBodyBytes / 1024} KiB.");
        }

        if (version is not null && place.Kind != DraftPlace.Edit)
        {
            errors.Add("version", "Only the draft of an edit names the version of the post it was written against.");
        }
        else if (version < 1)
        {
            errors.Add("version", "A post's version is a whole number from 1.");
        }
        return new DraftText(checkedTitle, checkedBody, version);
    }

    /// <summary>Whether the place is one a member can write at now: the board exists, or the post does (to its author, an edit's post may be held for approval).</summary>
    public async Task<bool> PlaceExistsAsync(DraftPlace place, CancellationToken cancellationToken) => place.Kind switch
    {
        DraftPlace.Board => await boards.FindAsync(place.Target, cancellationToken) is { Slug.Length: > 0 },
        DraftPlace.Comment => await posts.FindAsync(place.PostId!.Value, cancellationToken) is not null,
        _ => await posts.FindAsync(place.PostId!.Value, cancellationToken) is not null || await posts.FindHiddenAsync(place.PostId!.Value, cancellationToken) is not null,
    };

    /// <summary>
    /// Keeps the member's text for the place, replacing what was there. The same text again
    /// changes nothing (not even its time), and empty text keeps no draft.
    /// </summary>
    public async Task<(DraftOutcome Outcome, Draft? Draft)> SaveAsync(Guid memberId, DraftPlace place, DraftText text, CancellationToken cancellationToken)
    {
        using var activity = ForumTelemetry.Source.StartActivity("save draft");
        activity?.SetTag("forum.draft.place", place.Kind);
        var outcome = await DecideAndSaveAsync(memberId, place, text, cancellationToken);
        activity?.SetTag("forum.draft.outcome", outcome.Outcome.ToString());
        return outcome;
    }

    private async Task<(DraftOutcome Outcome, Draft? Draft)> DecideAndSaveAsync(Guid memberId, DraftPlace place, DraftText text, CancellationToken cancellationToken)
    {
        if (!await PlaceExistsAsync(place, cancellationToken))
        {
            return (DraftOutcome.NoSuchPlace, null);
        }
        var id = Draft.IdOf(memberId, place);
        var existing = await session.LoadAsync<Draft>(id, cancellationToken);
        if (text.IsEmpty)
        {
            if (existing is not null)
            {
                await DiscardAsync(memberId, place, cancellationToken);
            }
            return (DraftOutcome.Emptied, null);
        }
        if (existing is not null && existing.Title == text.Title && existing.Body == text.Body && existing.Version == text.Version)
        {
            DraftMetrics.Count("unchanged", place);
            return (DraftOutcome.Unchanged, existing);
        }
        if (existing is null && await session.Query<Draft>().CountAsync(d => d.MemberId == memberId, cancellationToken) >= MaxPerMember)
        {
            return (DraftOutcome.TooMany, null);
        }
        var saved = new Draft { Id = id, MemberId = memberId, Place = place.Name, Title = text.Title, Body = text.Body, Version = text.Version, UpdatedAt = clock.GetUtcNow() };
        session.Store(saved);
        await session.SaveChangesAsync(cancellationToken);
        DraftMetrics.Count(existing is null ? "created" : "replaced", place);
        return (DraftOutcome.Saved, saved);
    }

    public async Task<Draft?> FindAsync(Guid memberId, DraftPlace place, CancellationToken cancellationToken) =>
        await session.LoadAsync<Draft>(Draft.IdOf(memberId, place), cancellationToken);

    /// <summary>The member's newest draft of a new post, in whichever board: what the composer opens with when no board is named.</summary>
    public async Task<Draft?> NewestPostAsync(Guid memberId, CancellationToken cancellationToken) =>
        await session.Query<Draft>().Where(d => d.MemberId == memberId && d.Place.StartsWith(DraftPlace.Board + "-"))
            .OrderByDescending(d => d.UpdatedAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Removes the member's draft for the place, if any: <paramref name="why"/> is "discarded" or "published", for the metric.</summary>
    public async Task DiscardAsync(Guid memberId, DraftPlace place, CancellationToken cancellationToken, string why = "discarded")
    {
        using var activity = ForumTelemetry.Source.StartActivity("discard draft");
        activity?.SetTag("forum.draft.place", place.Kind);
        session.Delete<Draft>(Draft.IdOf(memberId, place));
        await session.SaveChangesAsync(cancellationToken);
        DraftMetrics.Count(why, place);
    }

    /// <summary>Every draft of the member, newest first, whole: for their own data export.</summary>
    public async Task<IReadOnlyList<Draft>> AllAsync(Guid memberId, CancellationToken cancellationToken) =>
        await session.Query<Draft>().Where(d => d.MemberId == memberId)
            .OrderByDescending(d => d.UpdatedAt).ThenBy(d => d.Id).ToListAsync(cancellationToken);

    /// <summary>The member's drafts, newest first, each with the start of its text and where to go on with it.</summary>
    public async Task<IReadOnlyList<DraftSummary>> ListAsync(Guid memberId, CancellationToken cancellationToken) =>
        [.. (await AllAsync(memberId, cancellationToken)).Select(draft =>
        {
            var place = DraftPlace.TryParse(draft.Place, out var parsed) ? parsed : DraftPlace.ForBoard(draft.Place);
            var excerpt = TextRules.Truncate(string.Join(' ', draft.Body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), ExcerptCharacters);
            return new DraftSummary(draft.Place, place.Kind, draft.Title, excerpt, draft.UpdatedAt, place.FormPath);
        })];
}
