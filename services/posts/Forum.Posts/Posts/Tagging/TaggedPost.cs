using Forum.Posts.Posts.Deleting;
using Forum.Posts.Posts.Editing;
using Forum.Posts.Posts.Publishing;

namespace Forum.Posts.Posts.Tagging;

/// <summary>
/// Which tags a post has, kept as a document in the same transaction as its stream, so that a
/// moderator's rename, merge or delete finds every post with a tag in one indexed query instead of
/// replaying every stream. A post from before tags gets one at its next event; until then it has none to find.
/// </summary>
public sealed class TaggedPost
{
    public Guid Id { get; set; }
    public List<string> Tags { get; set; } = [];
    public bool Deleted { get; set; }

    public void Apply(PostPublished e)
    {
        Id = e.PostId;
        Tags = [.. e.Tags ?? []];
    }

    public void Apply(PostEdited e)
    {
        if (e.Tags is not null)
        {
            Tags = [.. e.Tags];
        }
    }

    public void Apply(PostTagsChanged e) => Tags = [.. e.Tags];

    public void Apply(PostDeleted _) => Deleted = true;
}
