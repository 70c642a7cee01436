using Forum.Contracts.Posts;

namespace Forum.Comments.KnowingPosts;

/// <summary>
/// The comments service's own view of a post, fed only by post events: whether it exists, is
/// deleted, or is locked. Events may come twice or out of order: the lock keeps the version
/// that last set it, deletion is final.
/// </summary>
public sealed record CommentablePost(Guid Id, bool Published, bool Deleted, bool Locked, long LockVersion)
{
    public static CommentablePost Apply(CommentablePost? post, Guid id, object message)
    {
        var current = post ?? new CommentablePost(id, false, false, false, 0);
        return message switch
        {
            PostPublished => current with { Published = true },
            PostDeleted => current with { Deleted = true },
            PostLockChanged e when e.Version > current.LockVersion => current with { Locked = e.Locked, LockVersion = e.Version },
            _ => current,
        };
    }
}
