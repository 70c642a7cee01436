namespace Forum.Comments.KnowingPosts;

/// <summary>
/// The comments service's own view of a post, fed only by post events: whether it exists and
/// whether it still takes comments. <see cref="Version"/> is the post stream version last applied.
/// </summary>
public sealed record CommentablePost(Guid Id, string Board, bool Locked, bool Deleted, long Version);
