using Forum.Content;
using Forum.EventSourcing;
using Forum.EventSourcing.PersonalData;
using Forum.Posts.Posts;
using Forum.Posts.Posts.Editing;
using Forum.Posts.Posts.Publishing;
using Forum.Posts.Posts.Tagging;
using Forum.ServiceDefaults.Security;

namespace Forum.Posts.Tests.Tagging;

/// <summary>Given a post, when its author or a moderator changes its tags, then an event, nothing, or a refusal.</summary>
public sealed class Tagging_a_post
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 10, 0, 0, TimeSpan.Zero);
    private static readonly MarkdownRenderer Renderer = new();
    private static readonly Actor Author = new(Guid.NewGuid(), "minh", IsModerator: false);
    private static readonly Actor Moderator = new(Guid.NewGuid(), "điều_hành", IsModerator: true);

    private static readonly Post Tagged = new Post(Guid.NewGuid(), "tin-tuc", "Tiêu đề", "Nội dung", "<p>Nội dung</p>\n", Author.Id, Author.PersonalName(), Now.AddHours(-1))
        { Tags = ["tin tức", "한국어"] };

    [Fact]
    public void Publishing_with_tags_stores_their_keys()
    {
        var published = PublishPostDecision.Decide(
            new PublishPost(Guid.NewGuid(), "tin-tuc", "Tiêu đề", "Nội dung", Author, Now, Tags: ["Tin Tức", "한국어", "TIN TỨC"]), _ => true, Renderer).Event!;

        Assert.Equal(["tin tức", "한국어"], published.Tags);
        Assert.Equal(["tin tức", "한국어"], Post.Create(published).Tags);
    }

    [Fact]
    public void Publishing_with_a_bad_tag_is_refused_under_tags()
    {
        var decision = PublishPostDecision.Decide(
            new PublishPost(Guid.NewGuid(), "tin-tuc", "Tiêu đề", "Nội dung", Author, Now, Tags: ["a", "b", "c", "d", "e", "f"]), _ => true, Renderer);

        Assert.Null(decision.Event);
        Assert.True(decision.Errors!.ToDictionary().ContainsKey("tags"));
    }

    [Fact]
    public void An_edit_of_the_tags_alone_is_an_edit_that_carries_them()
    {
        var edited = EditPostDecision.Decide(Tagged, new EditPost(Tagged.Id, Tagged.Title, Tagged.Body, Author, Now, ["hỏi đáp"]), Renderer).Event!;

        Assert.Equal(["hỏi đáp"], edited.Tags);
        Assert.Equal(["hỏi đáp"], Tagged.Apply(edited).Tags);
    }

    [Fact]
    public void An_edit_that_leaves_the_tags_out_or_the_same_keeps_them()
    {
        var retitled = EditPostDecision.Decide(Tagged, new EditPost(Tagged.Id, "Mới", Tagged.Body, Author, Now), Renderer).Event!;
        Assert.Null(retitled.Tags);
        Assert.Equal(["tin tức", "한국어"], Tagged.Apply(retitled).Tags);

        var same = EditPostDecision.Decide(Tagged, new EditPost(Tagged.Id, Tagged.Title, Tagged.Body, Author, Now, ["TIN TỨC", "한국어"]), Renderer);
        Assert.True(same.IsAccepted);
        Assert.Null(same.Event);
    }

    [Fact]
    public void A_bad_tag_in_an_edit_changes_nothing()
    {
        var decision = EditPostDecision.Decide(Tagged, new EditPost(Tagged.Id, "Mới", Tagged.Body, Author, Now, ["tin\u0000tức"]), Renderer);

        Assert.Null(decision.Event);
        Assert.Equal(["tags"], decision.Errors!.ToDictionary().Keys);
    }

    [Fact]
    public void A_moderator_renames_a_tag_in_its_place()
    {
        var change = RetagPostDecision.Decide(Tagged, new RetagPost(Tagged.Id, "tin tức", "tin mới", Moderator, Now)).Event!;

        Assert.Equal(["tin mới", "한국어"], change.Tags);
        Assert.Equal(("điều_hành", Now), (change.Editor.Text, change.ChangedAt));
        Assert.Equal(["tin mới", "한국어"], Tagged.Apply(change).Tags);
    }

    [Fact]
    public void Merging_into_a_tag_the_post_has_keeps_it_once()
    {
        var change = RetagPostDecision.Decide(Tagged, new RetagPost(Tagged.Id, "tin tức", "한국어", Moderator, Now)).Event!;

        Assert.Equal(["한국어"], change.Tags);
    }

    [Fact]
    public void Deleting_a_tag_takes_it_off()
    {
        var change = RetagPostDecision.Decide(Tagged, new RetagPost(Tagged.Id, "한국어", null, Moderator, Now)).Event!;

        Assert.Equal(["tin tức"], change.Tags);
    }

    [Fact]
    public void A_post_without_the_tag_or_deleted_is_left_alone()
    {
        Assert.Null(RetagPostDecision.Decide(Tagged, new RetagPost(Tagged.Id, "khác", null, Moderator, Now)).Event);
        Assert.Null(RetagPostDecision.Decide(Tagged with { Deleted = true }, new RetagPost(Tagged.Id, "한국어", null, Moderator, Now)).Event);
        Assert.Null(RetagPostDecision.Decide(null, new RetagPost(Tagged.Id, "한국어", null, Moderator, Now)).Event);
    }

    [Fact]
    public void A_member_may_not_retag()
    {
        Assert.Equal(RefusalKind.Forbidden, RetagPostDecision.Decide(Tagged, new RetagPost(Tagged.Id, "한국어", null, Author, Now)).Refusal!.Kind);
    }
}
