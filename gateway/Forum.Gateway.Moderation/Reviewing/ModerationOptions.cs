namespace Forum.Gateway.Moderation.Reviewing;

/// <summary><c>Forum__Moderation__*</c>: how the gateway moderates on its own.</summary>
public sealed class ModerationOptions
{
    public const string Section = "Forum:Moderation";

    /// <summary>
    /// Reports from this many distinct members hide a post or comment until a moderator decides
    /// (3 by default, as a few honest readers are enough and one grudge is not); 0 never hides.
    /// </summary>
    public int HideAfterReports { get; init; } = 3;
}
