using Forum.Engagement.CountingViews;
using Forum.Engagement.Liking;

namespace Forum.Engagement.Streams;

/// <summary>
/// A post's likes and views, as its engagement stream (stream id = post id) tells them. Kept as
/// an inline snapshot document, updated in the transaction that appends, so a like loads this
/// document instead of replaying the stream. <see cref="Version"/> is the stream version.
/// </summary>
public sealed class PostEngagement
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    /// <summary>Who likes the post now: one like per member, however often it is sent.</summary>
    public HashSet<Guid> Likers { get; set; } = [];

    public long Likes => Likers.Count;

    public long Views { get; set; }

    public bool IsLikedBy(Guid userId) => Likers.Contains(userId);

    public void Apply(PostLiked e) => Likers.Add(e.UserId);

    public void Apply(PostUnliked e) => Likers.Remove(e.UserId);

    public void Apply(ViewsCounted e) => Views = e.Views;
}
