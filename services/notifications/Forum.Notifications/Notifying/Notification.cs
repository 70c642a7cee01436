namespace Forum.Notifications.Notifying;

/// <summary>The kinds of notification a member gets.</summary>
public static class NotificationTypes
{
    /// <summary>Someone commented on the member's post.</summary>
    public const string Comment = "comment";

    /// <summary>Someone replied to the member's comment.</summary>
    public const string Reply = "reply";

    /// <summary>Someone named the member with <c>@name</c> in a post or a comment.</summary>
    public const string Mention = "mention";

    /// <summary>People liked the member's post: one notification per post, which updates.</summary>
    public const string Likes = "likes";

    /// <summary>A new post on a board the member watches.</summary>
    public const string NewPost = "new-post";

    /// <summary>A new comment on a post the member watches (and neither wrote nor was answered in).</summary>
    public const string NewComment = "new-comment";
}

/// <summary>
/// One thing a member is told. Its id is made from what it is about and whom it is for
/// (<see cref="NotificationIds"/>), so an event delivered twice finds it already there.
/// </summary>
public sealed record Notification
{
    public Guid Id { get; init; }
    public Guid RecipientId { get; init; }
    public string Type { get; init; } = "";
    public Guid PostId { get; init; }
    public Guid? CommentId { get; init; }
    public string PostTitle { get; init; } = "";
    public IReadOnlyList<string> Actors { get; init; } = [];
    public long Count { get; init; } = 1;
    public string Excerpt { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public bool Read { get; init; }

    /// <summary>For likes: the engagement stream version the count is from; an older event changes nothing.</summary>
    public long SourceVersion { get; init; }
}
