using Marten;

namespace Forum.Notifications.Watching;

/// <summary>Who watches what; automatic watching never overrides a member's own choice.</summary>
public static class Watchers
{
    /// <summary>The members who watch the post or board, as of now.</summary>
    public static async Task<IReadOnlyList<Guid>> OfAsync(IQuerySession session, string kind, string subject, CancellationToken cancellationToken) =>
        await session.Query<Watch>().Where(w => w.Kind == kind && w.Subject == subject && w.Watching).Select(w => w.MemberId).ToListAsync(cancellationToken);

    /// <summary>
    /// Makes the member watch (authors their posts, commenters what they comment on) unless they
    /// have chosen either way already; queued in the session, saved with the rest.
    /// </summary>
    public static async Task WatchUnlessChosenAsync(IDocumentSession session, Guid member, string kind, string subject, CancellationToken cancellationToken)
    {
        if (member == Guid.Empty)
        {
            return;
        }
        var watch = Watch.Of(member, kind, subject, watching: true);
        if (await session.LoadAsync<Watch>(watch.Id, cancellationToken) is null)
        {
            session.Insert(watch);
        }
    }
}
