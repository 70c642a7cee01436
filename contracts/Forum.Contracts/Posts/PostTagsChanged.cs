namespace Forum.Contracts.Posts;

/// <summary>
/// A post's tags changed and nothing else: a revision, by its author's edit or by a moderator
/// renaming, merging or deleting a tag across the forum. Carries every tag the post has now, so
/// that the newest version wins whatever order events arrive in.
/// </summary>
/// <param name="Version">The stream version of this revision.</param>
/// <param name="Tags">Every tag the post now has, normalised (NFKC, lower case), at most five; empty for none.</param>
/// <param name="Editor">Who changed them: the author or a moderator.</param>
public sealed record PostTagsChanged(
    Guid PostId,
    long Version,
    IReadOnlyList<string> Tags,
    string Editor,
    DateTimeOffset ChangedAt);
