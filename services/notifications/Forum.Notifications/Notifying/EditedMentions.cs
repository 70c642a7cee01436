using Marten;

namespace Forum.Notifications.Notifying;

/// <summary>
/// An edit that names members tells those it did not tell before: a member who already has a
/// notification of this post or comment (a mention, a reply, a comment) gets no second one, and
/// the writer is never told. The ids are those a mention at publication would have had, so an
/// edit delivered twice, or a name kept over several edits, tells once.
/// </summary>
public static class EditedMentions
{
    public static async Task<IReadOnlyList<Notification>> ForAsync(
        IQuerySession session, Guid postId, Guid? commentId, string postTitle, IReadOnlyList<Guid>? mentioned, Guid writerId, string editor,
        string excerpt, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var named = (mentioned ?? []).Where(m => m != Guid.Empty && m != writerId).Distinct().ToList();
        if (named.Count == 0)
        {
            return [];
        }
        var told = (await session.Query<Notification>()
                .Where(n => n.PostId == postId && n.CommentId == commentId && named.Contains(n.RecipientId))
                .Select(n => n.RecipientId).ToListAsync(cancellationToken))
            .ToHashSet();
        return named.Where(member => !told.Contains(member)).Select(member => new Notification
        {
            Id = NotificationIds.For(NotificationTypes.Mention, commentId ?? postId, member),
            RecipientId = member,
            Type = NotificationTypes.Mention,
            PostId = postId,
            CommentId = commentId,
            PostTitle = postTitle,
            Actors = [editor],
            Count = 1,
            Excerpt = excerpt,
            CreatedAt = at,
        }).ToList();
    }
}
