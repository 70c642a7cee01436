using Forum.EventSourcing.PersonalData;
using Forum.Contracts.Posts;

namespace Forum.Engagement.KnowingPosts;

/// <summary>
/// The engagement service's own view of a post, fed only by post events: a post can be liked
/// and viewed once it is known and until it is deleted. <see cref="AuthorId"/> is empty for
/// posts whose publisher predates contract version 2 of <c>PostPublished</c>.
/// </summary>
public sealed record EngageablePost(Guid Id, PersonalText Author, bool Deleted, long Version, Guid AuthorId = default)
{
    /// <summary>
    /// Who wrote a post never changes, and deletion is final, so events may come twice or in
    /// any order: a deletion that arrives before the publication still holds.
    /// </summary>
    public static EngageablePost Apply(EngageablePost? post, Guid id, object message)
    {
        var current = post ?? new EngageablePost(id, default, Deleted: false, Version: 0);
        return message switch
        {
            PostPublished e => current with { Author = new PersonalText(e.AuthorId, e.Author), AuthorId = e.AuthorId, Version = Math.Max(current.Version, e.Version) },
            PostDeleted e => current with { Deleted = true, Version = Math.Max(current.Version, e.Version) },
            _ => current,
        };
    }
}
