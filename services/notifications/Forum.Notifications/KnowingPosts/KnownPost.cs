using Forum.Contracts.Posts;

namespace Forum.Notifications.KnowingPosts;

/// <summary>
/// What notifications need to know of a post, fed only by post events: who wrote it (to tell them
/// of comments and likes), its title as last edited, and whether it is gone. Events may come twice
/// or out of order: the title keeps the version that last set it, deletion is final.
/// </summary>
public sealed record KnownPost(Guid Id, bool Published, Guid AuthorId, string Author, string Title, long TitleVersion, bool Deleted)
{
    /// <summary>The post with the event applied; null while nothing is known worth keeping.</summary>
    public static KnownPost? Apply(KnownPost? post, Guid id, object message)
    {
        var current = post ?? new KnownPost(id, false, Guid.Empty, "", "", 0, false);
        var next = message switch
        {
            PostPublished e when !current.Published => current with
            {
                Published = true,
                AuthorId = e.AuthorId,
                Author = e.Author,
                Title = current.TitleVersion > e.Version ? current.Title : e.Title,
                TitleVersion = Math.Max(current.TitleVersion, e.Version),
            },
            PostEdited e when e.Version > current.TitleVersion => current with { Title = e.Title, TitleVersion = e.Version },
            PostDeleted => current with { Deleted = true },
            _ => current,
        };
        return next == current ? post : next;
    }
}
