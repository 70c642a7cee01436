using Forum.Contracts.Accounts;
using Forum.EventSourcing.PersonalData;
using Forum.Notifications.KnowingPosts;
using Forum.Notifications.Watching;
using Marten;
using Marten.Patching;

namespace Forum.Notifications.Notifying;

/// <summary>
/// A member who left: their own notifications and watches go; in everyone else's, and in the posts
/// and comments this service knows, they are a former member.
/// </summary>
public sealed class NotificationsForgetting : IForgetsMembers
{
    public async Task ForgetAsync(IDocumentSession session, LeavingMember member, CancellationToken cancellationToken)
    {
        const string former = MemberForgotten.FormerMemberName;
        session.DeleteWhere<Notification>(n => n.RecipientId == member.Id);
        session.DeleteWhere<Watch>(w => w.MemberId == member.Id);
        session.Patch<KnownPost>(p => p.AuthorId == member.Id).Set(p => p.Author, former);
        session.Patch<KnownComment>(c => c.AuthorId == member.Id).Set(c => c.Author, former);
        if (member.UserName is not { } name)
        {
            return;
        }
        var naming = await session.Query<Notification>().Where(n => n.Actors.Contains(name)).ToListAsync(cancellationToken);
        foreach (var notification in naming)
        {
            session.Store(notification with { Actors = [.. notification.Actors.Select(actor => actor == name ? former : actor)] });
        }
    }
}
