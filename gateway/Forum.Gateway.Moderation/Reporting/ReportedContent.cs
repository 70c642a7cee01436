using Forum.EventSourcing.PersonalData;

namespace Forum.Gateway.Moderation.Reporting;

/// <summary>Why a member reports something.</summary>
public static class ReportReasons
{
    public const string Spam = "spam";
    public const string Abuse = "abuse";
    public const string OffTopic = "off-topic";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [Spam, Abuse, OffTopic, Other];
}

/// <summary>What a moderator decides about reported content.</summary>
public static class ReportDecisions
{
    /// <summary>Nothing wrong: the reports are closed and the content stays.</summary>
    public const string Dismiss = "dismiss";

    /// <summary>The post or comment is deleted (by the service that owns it, as the moderator).</summary>
    public const string Delete = "delete";

    /// <summary>The post (or the comment's post) is locked: no more comments.</summary>
    public const string Lock = "lock";

    /// <summary>The author is suspended (for the days given, or for good).</summary>
    public const string Suspend = "suspend";

    public static readonly IReadOnlyList<string> All = [Dismiss, Delete, Lock, Suspend];
}

/// <summary>Stored in the gateway's event history: a member reported a post or a comment.</summary>
public sealed record ContentReported(Guid TargetId, string Kind, Guid PostId, Guid ReporterId, PersonalText Reporter, string Reason, string? Details, DateTimeOffset At);

/// <summary>Stored in the gateway's event history: a moderator decided about the open reports of a post or comment.</summary>
public sealed record ReportsResolved(Guid TargetId, string Kind, Guid PostId, PersonalText Author, string Decision, string? Note, int Reports, Guid ModeratorId, PersonalText Moderator, DateTimeOffset At);

/// <summary>One member's report, as the queue shows it.</summary>
public sealed record Report(Guid ReporterId, string Reporter, string Reason, string? Details, DateTimeOffset At);

/// <summary>
/// A post or comment that members reported, with its open reports (one per member: reporting
/// again changes nothing). Resolving closes them; later reports open it again. Kept beside the
/// events it is folded from, in the same transaction.
/// </summary>
public sealed record ReportedContent
{
    public Guid Id { get; init; }

    /// <summary><c>post</c> or <c>comment</c>.</summary>
    public string Kind { get; init; } = "";

    public Guid PostId { get; init; }
    public string Author { get; init; } = "";

    /// <summary>The author's account (empty for content projected before the read models kept it).</summary>
    public Guid AuthorId { get; init; }

    /// <summary>The post's title, or for a comment the title of its post, when first reported.</summary>
    public string Title { get; init; } = "";

    /// <summary>What was reported, as plain text, when first reported.</summary>
    public string Excerpt { get; init; } = "";

    public bool Open { get; init; }

    /// <summary>Hidden from readers because enough distinct members reported it; a moderator's decision other than delete shows it again.</summary>
    public bool Hidden { get; init; }
    public IReadOnlyList<Report> Reports { get; init; } = [];
    public DateTimeOffset FirstReportedAt { get; init; }
    public DateTimeOffset LastReportedAt { get; init; }

    /// <summary>The author's name as their personal data, for the history.</summary>
    public PersonalText AuthorName() => new(AuthorId, Author);
}
