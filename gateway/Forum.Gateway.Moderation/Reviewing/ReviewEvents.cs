using Forum.EventSourcing.PersonalData;

namespace Forum.Gateway.Moderation.Reviewing;

/// <summary>What a moderator decides about hidden or held content.</summary>
public static class ReviewDecisions
{
    /// <summary>Out of readers' sight, pending a closer look.</summary>
    public const string Hide = "hide";

    /// <summary>Readers see it again.</summary>
    public const string Show = "show";

    /// <summary>A post held for approval is published.</summary>
    public const string Approve = "approve";

    /// <summary>A post held for approval is deleted.</summary>
    public const string Reject = "reject";

    public static readonly IReadOnlyList<string> All = [Hide, Show, Approve, Reject];
}

/// <summary>Stored in the gateway's event history: content hidden because enough distinct members reported it; nobody decided yet.</summary>
public sealed record ContentHiddenOnReports(Guid TargetId, string Kind, Guid PostId, PersonalText Author, int Reporters, DateTimeOffset At);

/// <summary>Stored in the gateway's event history: a moderator hid, showed, approved or rejected a post or comment.</summary>
public sealed record ContentReviewed(Guid TargetId, string Kind, Guid PostId, PersonalText Author, string Decision, Guid ModeratorId, PersonalText Moderator, DateTimeOffset At);
