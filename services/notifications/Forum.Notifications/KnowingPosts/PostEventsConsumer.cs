using Forum.Contracts.Posts;
using Forum.EventSourcing;
using Forum.Notifications.Notifying;
using Forum.Notifications.Watching;
using Marten;
using MassTransit;

namespace Forum.Notifications.KnowingPosts;

/// <summary>
/// Learns of boards and posts from their events. A new post makes its author watch it and tells
/// those who watch its board; a deleted post withdraws every notification about it.
/// </summary>
public sealed class PostEventsConsumer(IDocumentSession session) :
    IConsumer<BoardCreated>, IConsumer<PostPublished>, IConsumer<PostEdited>, IConsumer<PostDeleted>
{
    public async Task Consume(ConsumeContext<BoardCreated> context)
    {
        session.Store(new KnownBoard(context.Message.Slug, context.Message.Name));
        await session.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<PostPublished> context)
    {
        var published = context.Message;
        var cancellationToken = context.CancellationToken;
        var known = await session.LoadAsync<KnownPost>(published.PostId, cancellationToken);
        if (known is { Deleted: true })
        {
            return;
        }
        await Watchers.WatchUnlessChosenAsync(session, published.AuthorId, WatchKinds.Post, published.PostId.ToString(), cancellationToken);
        var post = KnownPost.Apply(known, published.PostId, published)!;
        // A post held for approval tells nobody: readers cannot open it yet.
        var toTell = published.HiddenFor is null
            ? NewPostNotifications.For(published, post, await Watchers.OfAsync(session, WatchKinds.Board, published.Board, cancellationToken))
            : [];
        await NewNotifications.InsertMissingAsync(session, toTell, cancellationToken);
        if (post != known)
        {
            session.Store(post);
        }
        await session.SaveChangesAsync(cancellationToken);
        await UnreadCounts.AnnounceAsync(session, context, toTell.Select(n => n.RecipientId), cancellationToken);
    }

    public async Task Consume(ConsumeContext<PostEdited> context)
    {
        var edited = context.Message;
        var cancellationToken = context.CancellationToken;
        if (edited.Mentioned is not { Count: > 0 })
        {
            await session.FoldAsync<KnownPost>(edited.PostId, known => KnownPost.Apply(known, edited.PostId, edited), cancellationToken);
            return;
        }
        // An edit that names members tells them, so it needs the post's author and title first.
        var known = await session.LoadAsync<KnownPost>(edited.PostId, cancellationToken);
        if (known is { Deleted: true })
        {
            return;
        }
        if (known is not { Published: true })
        {
            throw new NotYetKnownException($"The edit of post {edited.PostId} came before the post.");
        }
        var post = KnownPost.Apply(known, edited.PostId, edited)!;
        var toTell = await EditedMentions.ForAsync(session, post.Id, null, post.Title, edited.Mentioned, post.AuthorId, edited.Editor,
            edited.Excerpt, edited.EditedAt, cancellationToken);
        await NewNotifications.InsertMissingAsync(session, toTell, cancellationToken);
        if (post != known)
        {
            session.Store(post);
        }
        await session.SaveChangesAsync(cancellationToken);
        await UnreadCounts.AnnounceAsync(session, context, toTell.Select(n => n.RecipientId), cancellationToken);
    }

    public async Task Consume(ConsumeContext<PostDeleted> context)
    {
        var deleted = context.Message;
        var known = await session.LoadAsync<KnownPost>(deleted.PostId, context.CancellationToken);
        session.Store(KnownPost.Apply(known, deleted.PostId, deleted)!);
        var recipients = await UnreadCounts.RecipientsAsync(session, n => n.PostId == deleted.PostId, context.CancellationToken);
        session.DeleteWhere<Notification>(n => n.PostId == deleted.PostId);
        await session.SaveChangesAsync(context.CancellationToken);
        await UnreadCounts.AnnounceAsync(session, context, recipients, context.CancellationToken);
        NotificationMetrics.Withdrawn.Add(1, new KeyValuePair<string, object?>("reason", "post deleted"));
    }
}
