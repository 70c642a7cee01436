namespace Forum.Gateway.Bookmarks;

/// <summary>What a bookmark points at.</summary>
public static class BookmarkKinds
{
    public const string Post = "post";
    public const string Comment = "comment";
}

/// <summary>
/// One member's bookmark of a post or a comment, with their note. Member state, not forum
/// history: no event records it, it is changed in place, and it is deleted when the member leaves.
/// </summary>
public sealed record Bookmark
{
    /// <summary><see cref="IdOf"/>: the member, the kind and the target, so bookmarking twice is one bookmark.</summary>
    public string Id { get; init; } = "";
    public Guid MemberId { get; init; }
    public string Kind { get; init; } = BookmarkKinds.Post;
    public Guid TargetId { get; init; }

    /// <summary>The post itself, or the post the comment is on.</summary>
    public Guid PostId { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public static string IdOf(Guid memberId, string kind, Guid targetId) => $"{memberId:N}:{kind}:{targetId:N}";
}
