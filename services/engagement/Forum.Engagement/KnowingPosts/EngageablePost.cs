namespace Forum.Engagement.KnowingPosts;

/// <summary>
/// The engagement service's own view of a post, fed only by post events: a post can be liked
/// and viewed once it is known and until it is deleted. <see cref="AuthorId"/> is empty for
/// posts whose publisher predates contract version 2 of <c>PostPublished</c>.
/// </summary>
public sealed record EngageablePost(Guid Id, string Author, bool Deleted, long Version, Guid AuthorId = default);
