using Forum.Content;
using Forum.EventSourcing;
using Forum.Gateway.ReadModels.Comments;
using Forum.Gateway.ReadModels.Posts;
using Marten;

namespace Forum.Gateway.Bookmarks;

/// <summary>A bookmark as the member's list shows it: what it points at now, or that it is gone.</summary>
/// <param name="Gone">The post or comment was deleted or hidden since: the bookmark stays, and says so.</param>
public sealed record BookmarkView(string Kind, Guid Id, Guid PostId, string? Title, string? Excerpt, string? Note, DateTimeOffset CreatedAt, bool Gone);

public sealed record BookmarkPage(int Page, int PageSize, int TotalPages, int Total, IReadOnlyList<BookmarkView> Bookmarks);

/// <summary>What bookmarking answers.</summary>
public enum BookmarkOutcome { Saved, Refused, NoSuchContent, TooMany }

/// <summary>Adding, removing and listing a member's bookmarks, the API's and the pages' alike.</summary>
public sealed class Bookmarks(IDocumentSession session, TimeProvider clock)
{
    public const int PageSize = 20;
    public const int MaxNoteCharacters = 300;

    /// <summary>Enough for any reader's list; a bound, so a script cannot grow one without end.</summary>
    public const int MaxPerMember = 1_000;

    public static readonly string[] Kinds = [BookmarkKinds.Post, BookmarkKinds.Comment];

    /// <summary>The note, normalised and trimmed (null when empty); errors by field.</summary>
    public static string? CheckNote(string? note, FieldErrors errors)
    {
        var normalized = TextRules.Normalize(note)?.Trim();
        if (string.IsNullOrEmpty(normalized))
        {
            return null;
        }
        if (TextRules.HasForbiddenCharacters(normalized, allowLineBreaks: false))
        {
            errors.Add("note", "A note may not contain control characters or line breaks.");
        }
        else if (TextRules.LengthInCharacters(normalized) > MaxNoteCharacters)
        {
            errors.Add("note", $"A note is at most {MaxNoteCharacters} characters.");
        }
        return normalized;
    }

    /// <summary>Bookmarks a post or comment readers can see, or changes the note of the bookmark already there.</summary>
    public async Task<(BookmarkOutcome Outcome, Bookmark? Saved)> SaveAsync(Guid memberId, string kind, Guid targetId, string? note, CancellationToken cancellationToken)
    {
        var postId = kind switch
        {
            BookmarkKinds.Post => await session.LoadAsync<PostSummary>(targetId, cancellationToken) is { Withdrawn: false, ContentVersion: > 0 } ? targetId : (Guid?)null,
            BookmarkKinds.Comment => await session.LoadAsync<CommentView>(targetId, cancellationToken) is { Deleted: false, Hidden: false } comment ? comment.PostId : null,
            _ => null,
        };
        if (postId is null)
        {
            return (BookmarkOutcome.NoSuchContent, null);
        }
        var id = Bookmark.IdOf(memberId, kind, targetId);
        var existing = await session.LoadAsync<Bookmark>(id, cancellationToken);
        if (existing is null && await session.Query<Bookmark>().CountAsync(b => b.MemberId == memberId, cancellationToken) >= MaxPerMember)
        {
            return (BookmarkOutcome.TooMany, null);
        }
        var saved = (existing ?? new Bookmark { Id = id, MemberId = memberId, Kind = kind, TargetId = targetId, PostId = postId.Value, CreatedAt = clock.GetUtcNow() }) with { Note = note };
        session.Store(saved);
        await session.SaveChangesAsync(cancellationToken);
        BookmarkMetrics.Changes.Add(1, new KeyValuePair<string, object?>("change", existing is null ? "added" : "noted"));
        return (BookmarkOutcome.Saved, saved);
    }

    public async Task RemoveAsync(Guid memberId, string kind, Guid targetId, CancellationToken cancellationToken)
    {
        session.Delete<Bookmark>(Bookmark.IdOf(memberId, kind, targetId));
        await session.SaveChangesAsync(cancellationToken);
        BookmarkMetrics.Changes.Add(1, new KeyValuePair<string, object?>("change", "removed"));
    }

    /// <summary>The member's bookmarks of one post and its comments: which of them the post's page shows as bookmarked.</summary>
    public async Task<IReadOnlyList<Bookmark>> OnPostAsync(Guid memberId, Guid postId, CancellationToken cancellationToken) =>
        await session.Query<Bookmark>().Where(b => b.MemberId == memberId && b.PostId == postId).ToListAsync(cancellationToken);

    /// <summary>A page of the member's bookmarks, newest first, each with what it points at now.</summary>
    public async Task<BookmarkPage> PageAsync(Guid memberId, int page, CancellationToken cancellationToken)
    {
        var total = await session.Query<Bookmark>().CountAsync(b => b.MemberId == memberId, cancellationToken);
        var totalPages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var shown = Math.Clamp(page, 1, totalPages);
        var bookmarks = await session.Query<Bookmark>().Where(b => b.MemberId == memberId)
            .OrderByDescending(b => b.CreatedAt).ThenBy(b => b.Id)
            .Skip((shown - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var posts = (await session.LoadManyAsync<PostSummary>(cancellationToken, bookmarks.Select(b => b.PostId).Distinct().ToArray())).ToDictionary(p => p.Id);
        var comments = (await session.LoadManyAsync<CommentView>(cancellationToken, bookmarks.Where(b => b.Kind == BookmarkKinds.Comment).Select(b => b.TargetId).ToArray())).ToDictionary(c => c.Id);
        var views = bookmarks.Select(b =>
        {
            var post = posts.GetValueOrDefault(b.PostId) is { Withdrawn: false, ContentVersion: > 0 } visible ? visible : null;
            if (b.Kind == BookmarkKinds.Post)
            {
                return new BookmarkView(b.Kind, b.TargetId, b.PostId, post?.Title, post?.Excerpt, b.Note, b.CreatedAt, Gone: post is null);
            }
            var comment = comments.GetValueOrDefault(b.TargetId) is { Deleted: false, Hidden: false } c ? c : null;
            var gone = post is null || comment is null;
            return new BookmarkView(b.Kind, b.TargetId, b.PostId, post?.Title, gone ? null : TextRules.PlainTextOf(comment!.BodyHtml, 200), b.Note, b.CreatedAt, gone);
        }).ToList();
        return new BookmarkPage(shown, PageSize, totalPages, total, views);
    }
}
