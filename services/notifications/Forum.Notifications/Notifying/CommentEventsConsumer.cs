using Forum.Contracts.Comments;
using Forum.Notifications.KnowingPosts;
using Forum.Notifications.Watching;
using Marten;
using MassTransit;

namespace Forum.Notifications.Notifying;

/// <summary>
/// A new comment notifies whom it concerns (<see cref="CommentNotifications"/>); a deleted comment
/// withdraws what it notified. Delivered twice, a comment finds its notifications there already.
/// </summary>
public sealed class CommentEventsConsumer(IDocumentSession session, ILogger<CommentEventsConsumer> logger) :
    IConsumer<CommentAdded>, IConsumer<CommentEdited>, IConsumer<CommentDeleted>
{
    public async Task Consume(ConsumeContext<CommentAdded> context)
    {
        var added = context.Message;
        var cancellationToken = context.CancellationToken;
        var post = await session.LoadAsync<KnownPost>(added.PostId, cancellationToken);
        if (post is { Deleted: true })
        {
            return;
        }
        if (post is not { Published: true })
        {
            throw new NotYetKnownException($"Comment {added.CommentId} came before its post {added.PostId}.");
        }
        KnownComment? answered = null;
        if (CommentNotifications.AnsweredCommentId(added) is { } answeredId)
        {
            answered = await session.LoadAsync<KnownComment>(answeredId, cancellationToken)
                ?? throw new NotYetKnownException($"Reply {added.CommentId} came before the comment {answeredId} it answers.");
        }

        switch (await session.LoadAsync<KnownComment>(added.CommentId, cancellationToken))
        {
            case { Deleted: true }:
                return;
            case null:
                session.Insert(new KnownComment(added.CommentId, added.PostId, added.AuthorId, added.Author));
                break;
        }
        var watchers = await Watchers.OfAsync(session, WatchKinds.Post, added.PostId.ToString(), cancellationToken);
        await Watchers.WatchUnlessChosenAsync(session, added.AuthorId, WatchKinds.Post, added.PostId.ToString(), cancellationToken);
        var notifications = CommentNotifications.For(added, post, answered, watchers);
        var raised = await NewNotifications.InsertMissingAsync(session, notifications, cancellationToken);
        await session.SaveChangesAsync(cancellationToken);
        await UnreadCounts.AnnounceAsync(session, context, notifications.Select(n => n.RecipientId), cancellationToken);
        logger.LogDebug("Comment {CommentId}: {Count} notifications", added.CommentId, raised);
    }

    /// <summary>An edit that names members tells those not told of the comment yet (<see cref="EditedMentions"/>).</summary>
    public async Task Consume(ConsumeContext<CommentEdited> context)
    {
        var edited = context.Message;
        var cancellationToken = context.CancellationToken;
        if (edited.Mentioned is not { Count: > 0 })
        {
            return;
        }
        var comment = await session.LoadAsync<KnownComment>(edited.CommentId, cancellationToken);
        var post = await session.LoadAsync<KnownPost>(edited.PostId, cancellationToken);
        if (comment is { Deleted: true } || post is { Deleted: true })
        {
            return;
        }
        if (comment is null || post is not { Published: true })
        {
            throw new NotYetKnownException($"The edit of comment {edited.CommentId} came before the comment.");
        }
        var toTell = await EditedMentions.ForAsync(session, edited.PostId, edited.CommentId, post.Title, edited.Mentioned, comment.AuthorId, edited.Editor,
            Excerpts.FromHtml(edited.BodyHtml), edited.EditedAt, cancellationToken);
        await NewNotifications.InsertMissingAsync(session, toTell, cancellationToken);
        await session.SaveChangesAsync(cancellationToken);
        await UnreadCounts.AnnounceAsync(session, context, toTell.Select(n => n.RecipientId), cancellationToken);
    }

    public async Task Consume(ConsumeContext<CommentDeleted> context)
    {
        var deleted = context.Message;
        var known = await session.LoadAsync<KnownComment>(deleted.CommentId, context.CancellationToken);
        session.Store((known ?? new KnownComment(deleted.CommentId, deleted.PostId, Guid.Empty, "")) with { Deleted = true });
        var recipients = await UnreadCounts.RecipientsAsync(session, n => n.CommentId == deleted.CommentId, context.CancellationToken);
        session.DeleteWhere<Notification>(n => n.CommentId == deleted.CommentId);
        await session.SaveChangesAsync(context.CancellationToken);
        await UnreadCounts.AnnounceAsync(session, context, recipients, context.CancellationToken);
        NotificationMetrics.Withdrawn.Add(1, new KeyValuePair<string, object?>("reason", "comment deleted"));
    }
}
