using Forum.EventSourcing.PersonalData;

namespace Forum.Posts.Posts.Tagging;

/// <summary>
/// A post's tags were changed and nothing else: by its author's edit, or by a moderator renaming,
/// merging or deleting a tag. A revision of the post, like <see cref="Editing.PostEdited"/>.
/// </summary>
/// <param name="Tags">Every tag the post has now, normalised.</param>
public sealed record PostTagsChanged(Guid PostId, IReadOnlyList<string> Tags, Guid EditorId, PersonalText Editor, DateTimeOffset ChangedAt);
