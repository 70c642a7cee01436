namespace Forum.Gateway.Web.Notifications;

/// <summary>A page of the member's notifications as the notifications service answers it, newest first.</summary>
public sealed record NotificationList
{
    public int Page { get; init; } = 1;
    public int PageSize { get; init; }
    public long Total { get; init; }
    public int TotalPages { get; init; } = 1;
    public long Unread { get; init; }
    public IReadOnlyList<NotificationItem> Notifications { get; init; } = [];
}

/// <summary>One notification: who did what (<see cref="Type"/>) on which post.</summary>
public sealed record NotificationItem
{
    public Guid Id { get; init; }

    /// <summary><c>comment</c>, <c>reply</c> or <c>likes</c>; a kind added later shows as "something new on".</summary>
    public string Type { get; init; } = "";
    public Guid PostId { get; init; }

    /// <summary>The comment or reply it is about; none for likes.</summary>
    public Guid? CommentId { get; init; }
    public string PostTitle { get; init; } = "";

    /// <summary>Who did it: for likes the newest likers, empty for likes from before names were kept.</summary>
    public IReadOnlyList<string> Actors { get; init; } = [];
    public long Count { get; init; } = 1;
    public string Excerpt { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public bool Read { get; init; }

    /// <summary>Where it leads: the comment on its post, or the post itself.</summary>
    public string Link => Target(PostId, CommentId);

    /// <summary>Opening it from the list marks it read on the way (<c>NotificationsModel.OnGetOpenAsync</c>).</summary>
    public string OpenLink => $"/notifications?handler=Open&id={Id}&post={PostId}" + (CommentId is { } comment ? $"&comment={comment}" : "");

    public static string Target(Guid postId, Guid? commentId) => commentId is { } comment ? $"/posts/{postId}?comment={comment}#c-{comment}" : $"/posts/{postId}";
}

/// <summary>How many of the member's notifications are unread.</summary>
public sealed record UnreadCount(long Unread);

/// <summary>Whether the member watches a post or a board.</summary>
public sealed record WatchState(bool Watching);
