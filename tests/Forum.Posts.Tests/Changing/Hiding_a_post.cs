using Forum.Posts.Posts;
using Forum.Posts.Posts.Hiding;
using Forum.Posts.Posts.Publishing;
using Forum.Content;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;

namespace Forum.Posts.Tests.Changing;

/// <summary>With approval required, a new member's post is held; nobody else's is, and a moderator's decisions show or hide it.</summary>
public sealed class Hiding_a_post
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly MarkdownRenderer Renderer = new();
    private static readonly Actor NewMember = new(Guid.NewGuid(), "mới_đến", IsModerator: false, NewMemberUntil: Now.AddHours(20));
    private static readonly Actor Veteran = new(Guid.NewGuid(), "lâu_năm", IsModerator: false);
    private static readonly Actor Moderator = new(Guid.NewGuid(), "điều_hành", IsModerator: true, NewMemberUntil: Now.AddHours(20));

    private static PostPublished Publish(Actor author, bool approval) =>
        PublishPostDecision.Decide(new PublishPost(Guid.NewGuid(), "tin-tuc", "Bài đầu tiên", "Xin chào", author, Now, approval), _ => true, Renderer).Event!;

    private static Decision<object> Hide(Post post, bool hide, string? reason = null, bool byReviewer = true) =>
        HidePostDecision.Decide(post, new HidePost(post.Id, hide, reason, byReviewer ? Moderator : Veteran, byReviewer, Now));

    [Fact]
    public void Only_a_new_member_s_post_is_held_and_only_while_approval_is_required()
    {
        Assert.True(Publish(NewMember, approval: true).AwaitingApproval);
        Assert.False(Publish(NewMember, approval: false).AwaitingApproval);
        Assert.False(Publish(Veteran, approval: true).AwaitingApproval);
        Assert.False(Publish(Moderator, approval: true).AwaitingApproval);
        Assert.True(Post.Create(Publish(NewMember, approval: true)).Hidden);
    }

    [Fact]
    public void A_reviewer_hides_and_shows_and_asking_twice_changes_nothing()
    {
        var visible = Post.Create(Publish(Veteran, approval: true));
        var hidden = Assert.IsType<PostHidden>(Hide(visible, hide: true, reason: " Reports ").Event);
        Assert.Equal("reports", hidden.Reason);
        var afterHiding = visible.Apply(hidden);
        Assert.Null(Hide(afterHiding, hide: true).Event);
        Assert.True(Hide(afterHiding, hide: true).IsAccepted);
        var shown = Assert.IsType<PostShown>(Hide(afterHiding, hide: false).Event);
        Assert.False(afterHiding.Apply(shown).Hidden);
        Assert.Null(Hide(visible, hide: false).Event);
    }

    [Fact]
    public void A_member_may_not_hide_an_unknown_reason_is_refused_and_a_deleted_post_is_not_found()
    {
        var visible = Post.Create(Publish(Veteran, approval: true));
        Assert.Equal(RefusalKind.Forbidden, Hide(visible, hide: true, byReviewer: false).Refusal!.Kind);
        var refused = Hide(visible, hide: true, reason: "ghét").Refusal!;
        Assert.Equal(RefusalKind.Invalid, refused.Kind);
        Assert.True(refused.Errors!.ToDictionary().ContainsKey("reason"));
        Assert.Equal(RefusalKind.NotFound, Hide(visible with { Deleted = true }, hide: true).Refusal!.Kind);
    }
}
