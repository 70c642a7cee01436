using Forum.Contracts.Engagement;

namespace Forum.Gateway.ReadModels.Posts;

/// <summary>
/// Whether one member likes one post, so the post's page shows its like button pressed to the
/// member who pressed it. <see cref="Version"/> is the post's engagement stream version of the
/// change that set it: an older change, or the same one again, changes nothing.
/// </summary>
public sealed record MemberLike
{
    /// <summary><see cref="IdOf"/>: the post and the member.</summary>
    public string Id { get; init; } = "";
    public Guid PostId { get; init; }
    public Guid MemberId { get; init; }
    public bool Liked { get; init; }
    public long Version { get; init; }

    public static string IdOf(Guid postId, Guid memberId) => $"{postId:N}:{memberId:N}";

    /// <summary>Whether the event says who liked (contract version 2 and later); older ones only carry the count.</summary>
    public static bool Names(LikesChanged e) => e.MemberId != Guid.Empty && e.Liked is not null;

    public static MemberLike Apply(MemberLike like, object message) => message switch
    {
        LikesChanged e when Names(e) && e.Version > like.Version => like with { PostId = e.PostId, MemberId = e.MemberId, Liked = e.Liked!.Value, Version = e.Version },
        _ => like,
    };
}
