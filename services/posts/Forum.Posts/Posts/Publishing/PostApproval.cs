namespace Forum.Posts.Posts.Publishing;

/// <summary>
/// <c>Forum__NewMembers__ApprovePosts</c>: whether the posts a member writes while new (the
/// period the gateway puts in their token) wait for a moderator before readers see them. Off by
/// default; a community that is flooded by fresh accounts turns it on.
/// </summary>
public sealed class PostApproval
{
    public const string Section = "Forum:NewMembers";

    public bool ApprovePosts { get; init; }

    public static PostApproval From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<PostApproval>() ?? new PostApproval();
}
