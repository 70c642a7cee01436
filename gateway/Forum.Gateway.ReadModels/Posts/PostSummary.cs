namespace Forum.Gateway.ReadModels.Posts;

/// <summary>
/// One post as readers see it, projected from the services' events. Events may arrive twice or
/// out of order, so each aspect of the post remembers the stream version that last set it
/// (content, lock, pin) and an event only changes an aspect if it is newer. Deletion is final.
/// <see cref="Version"/> is the highest post stream version seen. Likes and views come from the
/// post's engagement stream, whose versions are its own (<see cref="LikesVersion"/>, <see cref="ViewsVersion"/>).
/// </summary>
public sealed record PostSummary
{
    public Guid Id { get; init; }
    public string Board { get; init; } = "";
    public string Title { get; init; } = "";
    public string Excerpt { get; init; } = "";
    public string BodyHtml { get; init; } = "";
    public string Author { get; init; } = "";

    /// <summary>The author's account (empty for posts published before events carried it): whose name <see cref="Author"/> is, for moderation's records.</summary>
    public Guid AuthorId { get; init; }
    public DateTimeOffset PublishedAt { get; init; }
    public DateTimeOffset? EditedAt { get; init; }
    public bool HasImage { get; init; }
    public bool Locked { get; init; }
    public bool Pinned { get; init; }
    public bool Deleted { get; init; }

    /// <summary>Out of readers' sight pending review: reported, held for approval, or by a moderator (<see cref="HiddenReason"/>).</summary>
    public bool Hidden { get; init; }
    public string? HiddenReason { get; init; }
    public long VisibilityVersion { get; init; }

    /// <summary>Its author (by account, or by name for posts published before events carried the account) and moderators may edit it.</summary>
    public bool MayBeChangedBy(Guid memberId, string? userName, bool moderator) =>
        moderator || (AuthorId != Guid.Empty ? AuthorId == memberId : Author == userName);

    /// <summary>Not shown to readers, deleted or hidden: what listings, search and the post's page filter on (a column of its own).</summary>
    public bool Withdrawn => Deleted || Hidden;
    public long Views { get; init; }
    public long Likes { get; init; }
    public long Comments { get; init; }
    public long Version { get; init; }
    public long ContentVersion { get; init; }
    public long LockVersion { get; init; }
    public long PinVersion { get; init; }
    public long LikesVersion { get; init; }
    public long ViewsVersion { get; init; }

    /// <summary>Its tags (normalised keys, in the author's order), and the stream version that last set them.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    public long TagsVersion { get; init; }
}
