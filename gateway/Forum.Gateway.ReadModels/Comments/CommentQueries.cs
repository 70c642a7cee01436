using Forum.Contracts.Comments;
using Marten;

namespace Forum.Gateway.ReadModels.Comments;

/// <summary>
/// A comment on a post's page. A deleted comment that starts a thread shows as deleted, without
/// its text, and keeps its replies; a hidden one (pending review) shows as hidden, without its author or text.
/// </summary>
public sealed record CommentItem(
    Guid Id, Guid? ParentId, QuotedComment? Quote, string? Author, string BodyHtml, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool Deleted,
    bool Hidden = false);

/// <summary>A page of a post's comments.</summary>
public sealed record CommentPage(int Page, int PageSize, int TotalPages, long Total, IReadOnlyList<CommentItem> Comments);

/// <summary>The read side of comments, for the API and the pages alike.</summary>
public sealed class CommentQueries(IQuerySession session)
{
    public const int PageSize = 20;

    /// <summary>A page of a post's comments: oldest thread first, each thread's replies after it.</summary>
    public async Task<CommentPage> PageAsync(Guid postId, int pageNumber, CancellationToken cancellationToken)
    {
        var shown = Shown(postId);
        // The page first, then the counts: a comment projected in between is counted though not
        // yet listed, never listed though not counted.
        var comments = await shown
            .OrderBy(c => c.ThreadStartedAt).ThenBy(c => c.ThreadId).ThenBy(c => c.IsReply).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Skip((pageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);
        var shownCount = await shown.CountAsync(cancellationToken);
        var total = await session.Query<CommentView>().CountAsync(c => c.PostId == postId && c.ContentVersion > 0 && !c.Deleted, cancellationToken);
        return new CommentPage(
            pageNumber, PageSize, (int)Math.Max(1, (shownCount + PageSize - 1) / PageSize), total,
            comments.Select(ItemOf).ToList());
    }

    /// <summary>One comment of a post as its page shows it, for a page that shows it without a reload; null if not there (yet).</summary>
    public async Task<CommentItem?> FindAsync(Guid postId, Guid commentId, CancellationToken cancellationToken) =>
        await session.LoadAsync<CommentView>(commentId, cancellationToken) is { ContentVersion: > 0 } comment && comment.PostId == postId
            && !(comment.Deleted && comment.IsReply)
            ? ItemOf(comment)
            : null;

    /// <summary>The comments a post's pages show: deleted replies vanish; a deleted thread start stays as a marker for its replies.</summary>
    private IQueryable<CommentView> Shown(Guid postId) =>
        session.Query<CommentView>().Where(c => c.PostId == postId && c.ContentVersion > 0 && !(c.Deleted && c.IsReply));

    private static CommentItem ItemOf(CommentView c) => c switch
    {
        { Deleted: true } => new CommentItem(c.Id, c.ParentId, null, null, "", c.CreatedAt, null, true),
        { Hidden: true } => new CommentItem(c.Id, c.ParentId, null, null, "", c.CreatedAt, null, false, Hidden: true),
        _ => new CommentItem(c.Id, c.ParentId, c.Quote, c.Author, c.BodyHtml, c.CreatedAt, c.EditedAt, false),
    };

    /// <summary>
    /// The page of a post's comments that shows this comment, for a link to it (a notification);
    /// null if the post does not show it. Reads the ids of the post's shown comments in page order.
    /// </summary>
    public async Task<int?> PageOfAsync(Guid postId, Guid commentId, CancellationToken cancellationToken)
    {
        var ids = await Shown(postId)
            .OrderBy(c => c.ThreadStartedAt).ThenBy(c => c.ThreadId).ThenBy(c => c.IsReply).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        var index = ids.ToList().IndexOf(commentId);
        return index < 0 ? null : index / PageSize + 1;
    }

    /// <summary>The first comment in page order written after <paramref name="after"/> by someone other than <paramref name="reader"/>: where their unread comments start.</summary>
    public async Task<Guid?> FirstWrittenAfterAsync(Guid postId, DateTimeOffset after, Guid reader, CancellationToken cancellationToken)
    {
        var first = await Shown(postId)
            .Where(c => c.CreatedAt > after && c.AuthorId != reader && !c.Deleted && !c.Hidden)
            .OrderBy(c => c.ThreadStartedAt).ThenBy(c => c.ThreadId).ThenBy(c => c.IsReply).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => c.Id)
            .Take(1)
            .ToListAsync(cancellationToken);
        return first.Count == 0 ? null : first[0];
    }

    /// <summary>Whether the read model holds this comment yet (it trails the write by milliseconds).</summary>
    public async Task<bool> HasAsync(Guid commentId, CancellationToken cancellationToken) =>
        await session.LoadAsync<CommentView>(commentId, cancellationToken) is not null;

    /// <summary>Whether the read model holds the comment at this version of its stream or later: what an edit was answered with.</summary>
    public async Task<bool> ReachedAsync(Guid commentId, long version, CancellationToken cancellationToken) =>
        await session.LoadAsync<CommentView>(commentId, cancellationToken) is { } comment && comment.Version >= version;
}
