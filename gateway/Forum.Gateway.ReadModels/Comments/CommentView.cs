using Forum.Contracts.Comments;

namespace Forum.Gateway.ReadModels.Comments;

/// <summary>
/// One comment as readers see it under its post. Like a post, it remembers the version that
/// last set its content, so a late or repeated event changes nothing; deletion is final.
/// </summary>
public sealed record CommentView
{
    public Guid Id { get; init; }
    public Guid PostId { get; init; }
    public Guid? ParentId { get; init; }
    public Guid ThreadId { get; init; }
    public DateTimeOffset ThreadStartedAt { get; init; }
    public QuotedComment? Quote { get; init; }
    public string Author { get; init; } = "";

    /// <summary>The author's account: whose name <see cref="Author"/> is, for moderation's records.</summary>
    public Guid AuthorId { get; init; }
    public string BodyHtml { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? EditedAt { get; init; }
    public bool Deleted { get; init; }

    /// <summary>Out of readers' sight pending review (reported, or by a moderator); the page shows a marker instead of its text.</summary>
    public bool Hidden { get; init; }
    public long VisibilityVersion { get; init; }
    public bool IsReply { get; init; }
    public long ContentVersion { get; init; }
    public long Version { get; init; }
}

/// <summary>How each comment event changes a <see cref="CommentView"/>; a pure function.</summary>
public static class CommentViewRules
{
    public static CommentView Apply(CommentView comment, object message)
    {
        var applied = message switch
        {
            // Where and by whom never change; the content only if no edit got here first.
            CommentAdded e => (e.Version > comment.ContentVersion ? comment with { BodyHtml = e.BodyHtml, ContentVersion = e.Version } : comment) with
            {
                PostId = e.PostId, ParentId = e.ParentId, ThreadId = e.ParentId ?? e.CommentId, IsReply = e.ParentId is not null, ThreadStartedAt = e.ThreadStartedAt,
                Quote = e.Quote, Author = e.Author, AuthorId = e.AuthorId, CreatedAt = e.CreatedAt,
            },
            CommentEdited e when e.Version > comment.ContentVersion =>
                comment with { PostId = e.PostId, BodyHtml = e.BodyHtml, EditedAt = e.EditedAt, ContentVersion = e.Version },
            CommentDeleted e => comment with { PostId = e.PostId, Deleted = true },
            CommentVisibilityChanged e when e.Version > comment.VisibilityVersion =>
                comment with { PostId = e.PostId, Hidden = e.Hidden, VisibilityVersion = e.Version },
            _ => comment,
        };
        return applied with { Version = Math.Max(comment.Version, VersionOf(message)) };
    }

    public static long VersionOf(object message) => message switch
    {
        CommentAdded e => e.Version,
        CommentEdited e => e.Version,
        CommentDeleted e => e.Version,
        CommentVisibilityChanged e => e.Version,
        _ => 0,
    };
}
