using Forum.EventSourcing.PersonalData;
using Forum.Posts.Posts;
using Forum.Posts.Posts.Deleting;
using Forum.Posts.Posts.Editing;
using Forum.Posts.Posts.Moderating;
using Forum.Content;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;

namespace Forum.Posts.Tests.Changing;

/// <summary>Given a post, when someone edits, deletes or moderates it, then an event, nothing, or a refusal.</summary>
public sealed class Changing_a_post
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private static readonly MarkdownRenderer Renderer = new();
    private static readonly Actor Author = new(Guid.NewGuid(), "minh", IsModerator: false);
    private static readonly Actor Stranger = new(Guid.NewGuid(), "lan", IsModerator: false);
    private static readonly Actor Moderator = new(Guid.NewGuid(), "điều_hành", IsModerator: true);

    private static readonly Post Published = new(Guid.NewGuid(), "tin-tuc", "Tiêu đề", "Nội dung", "<p>Nội dung</p>\n", Author.Id, Author.PersonalName(), Now.AddHours(-1));

    private static Decision<PostEdited> Edit(Post? post, Actor by, string title = "Tiêu đề mới", string body = "Nội dung mới") =>
        EditPostDecision.Decide(post, new EditPost(Published.Id, title, body, by, Now), Renderer);

    [Fact]
    public void The_author_edits_and_the_edit_carries_new_safe_HTML_and_excerpt()
    {
        var edited = Edit(Published, Author, body: "**Mới** <script>x</script>").Event!;

        Assert.Equal("Tiêu đề mới", edited.Title);
        Assert.Contains("<strong>Mới</strong>", edited.BodyHtml);
        Assert.DoesNotContain("<script", edited.BodyHtml);
        Assert.StartsWith("Mới", edited.Excerpt);
        Assert.Equal(("minh", Now), (edited.Editor.Text, edited.EditedAt));
    }

    [Fact]
    public void Another_member_may_not_edit_but_a_moderator_may()
    {
        Assert.Equal(RefusalKind.Forbidden, Edit(Published, Stranger).Refusal!.Kind);
        Assert.Equal("điều_hành", Edit(Published, Moderator).Event!.Editor.Text);
    }

    [Fact]
    public void A_locked_post_is_edited_only_by_moderators()
    {
        var locked = Published with { Locked = true };

        Assert.Equal(RefusalKind.Conflict, Edit(locked, Author).Refusal!.Kind);
        Assert.True(Edit(locked, Moderator).IsAccepted);
    }

    [Fact]
    public void A_deleted_or_unknown_post_cannot_be_edited()
    {
        Assert.Equal(RefusalKind.NotFound, Edit(Published with { Deleted = true }, Author).Refusal!.Kind);
        Assert.Equal(RefusalKind.NotFound, Edit(null, Author).Refusal!.Kind);
    }

    [Fact]
    public void An_edit_that_changes_nothing_appends_nothing()
    {
        var decision = Edit(Published, Author, title: " Tiêu đề ", body: "Nội dung");

        Assert.True(decision.IsAccepted);
        Assert.Null(decision.Event);
    }

    [Fact]
    public void An_edit_is_validated_like_a_new_post()
    {
        Assert.Equal(["body", "title"], Edit(Published, Author, title: "", body: " ").Errors!.ToDictionary().Keys.Order());
    }

    [Fact]
    public void The_author_or_a_moderator_deletes_once_and_deleting_again_changes_nothing()
    {
        Assert.IsType<PostDeleted>(DeletePostDecision.Decide(Published, new DeletePost(Published.Id, Author, Now)).Event);
        Assert.IsType<PostDeleted>(DeletePostDecision.Decide(Published, new DeletePost(Published.Id, Moderator, Now)).Event);
        Assert.Equal(RefusalKind.Forbidden, DeletePostDecision.Decide(Published, new DeletePost(Published.Id, Stranger, Now)).Refusal!.Kind);

        var again = DeletePostDecision.Decide(Published with { Deleted = true }, new DeletePost(Published.Id, Author, Now));
        Assert.True(again.IsAccepted);
        Assert.Null(again.Event);
    }

    [Theory]
    [InlineData(Moderation.Lock, typeof(PostLocked))]
    [InlineData(Moderation.Pin, typeof(PostPinned))]
    public void Moderators_lock_and_pin_and_asking_twice_changes_nothing(Moderation action, Type expected)
    {
        var first = ModeratePostDecision.Decide(Published, new ModeratePost(Published.Id, action, Moderator, Now));
        Assert.IsType(expected, first.Event);

        var post = action == Moderation.Lock ? Published with { Locked = true } : Published with { Pinned = true };
        Assert.Null(ModeratePostDecision.Decide(post, new ModeratePost(Published.Id, action, Moderator, Now)).Event);
    }

    [Fact]
    public void Unlocking_and_unpinning_undo_and_members_may_not_moderate()
    {
        var both = Published with { Locked = true, Pinned = true };

        Assert.IsType<PostUnlocked>(ModeratePostDecision.Decide(both, new ModeratePost(both.Id, Moderation.Unlock, Moderator, Now)).Event);
        Assert.IsType<PostUnpinned>(ModeratePostDecision.Decide(both, new ModeratePost(both.Id, Moderation.Unpin, Moderator, Now)).Event);
        Assert.Equal(RefusalKind.Forbidden, ModeratePostDecision.Decide(both, new ModeratePost(both.Id, Moderation.Unlock, Author, Now)).Refusal!.Kind);
    }

    [Fact]
    public void The_post_state_follows_its_events()
    {
        var edited = Edit(Published, Author).Event!;

        var post = Published.Apply(edited).Apply(new PostLocked(Published.Id, new PersonalText(Guid.Empty, "m"), Now)).Apply(new PostPinned(Published.Id, new PersonalText(Guid.Empty, "m"), Now))
            .Apply(new PostUnlocked(Published.Id, new PersonalText(Guid.Empty, "m"), Now)).Apply(new PostDeleted(Published.Id, Author.Id, Author.PersonalName(), Now));

        Assert.Equal(("Tiêu đề mới", false, true, true, (DateTimeOffset?)Now), (post.Title, post.Locked, post.Pinned, post.Deleted, post.EditedAt));
    }
}
