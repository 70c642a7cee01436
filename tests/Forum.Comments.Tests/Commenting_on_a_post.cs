using Forum.EventSourcing.PersonalData;
using Forum.Comments.Comments;
using Forum.Comments.Comments.Adding;
using Forum.Comments.Comments.Deleting;
using Forum.Comments.Comments.Editing;
using Forum.Comments.KnowingPosts;
using Forum.Contracts.Posts;
using Forum.Content;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;

namespace Forum.Comments.Tests;

/// <summary>Given what the service knows of a post and its comments, when someone comments, edits or deletes, then an event or a refusal.</summary>
public sealed class Commenting_on_a_post
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly MarkdownRenderer Renderer = new();
    private static readonly Guid PostId = Guid.NewGuid();
    private static readonly CommentablePost Open = new(PostId, Published: true, Deleted: false, Locked: false, LockVersion: 0);
    private static readonly Actor Lan = new(Guid.NewGuid(), "lan", false);
    private static readonly Actor Minh = new(Guid.NewGuid(), "minh", false);
    private static readonly Actor Moderator = new(Guid.NewGuid(), "điều_hành", true);

    private static readonly Guid TopLevelId = Guid.NewGuid();

    private static readonly Comment TopLevel = new(TopLevelId, PostId, TopLevelId, Now.AddHours(-2), Lan.Id, Lan.PersonalName(), "Bình luận đầu tiên", Now.AddHours(-2));

    private static readonly Comment Reply = new(Guid.NewGuid(), PostId, TopLevel.Id, TopLevel.ThreadStartedAt, Minh.Id, Minh.PersonalName(), "Trả lời **lan**: đồng ý!", Now.AddHours(-1));

    private static Decision<CommentAdded> Add(CommentablePost? post, Comment? parent = null, string body = "Hay quá!", Guid? parentId = null, Actor? by = null) =>
        AddCommentDecision.Decide(post, parent, new AddComment(Guid.NewGuid(), PostId, parentId ?? parent?.Id, body, by ?? Minh, Now), Renderer);

    [Fact]
    public void A_comment_on_an_open_post_starts_its_own_thread()
    {
        var added = Add(Open).Event!;

        Assert.Equal((added.CommentId, Now, "minh"), (added.ThreadId, added.ThreadStartedAt, added.Author.Text));
        Assert.Null(added.QuotedCommentId);
        Assert.Equal("<p>Hay quá!</p>\n", added.BodyHtml);
    }

    [Fact]
    public void Unknown_and_deleted_posts_take_no_comments_and_a_locked_one_says_so()
    {
        Assert.Equal(RefusalKind.NotFound, Add(null).Refusal!.Kind);
        Assert.Equal(RefusalKind.NotFound, Add(Open with { Published = false, Locked = true }).Refusal!.Kind);
        Assert.Equal(RefusalKind.NotFound, Add(Open with { Deleted = true }).Refusal!.Kind);
        var locked = Add(Open with { Locked = true }).Refusal!;
        Assert.Equal((RefusalKind.Conflict, "The post is locked."), (locked.Kind, locked.Title));
    }

    [Fact]
    public void A_reply_joins_the_thread_of_the_comment_it_answers()
    {
        var reply = Add(Open, TopLevel).Event!;

        Assert.Equal((TopLevel.Id, TopLevel.ThreadStartedAt), (reply.ThreadId, reply.ThreadStartedAt));
        Assert.Null(reply.QuotedCommentId);
    }

    [Fact]
    public void A_reply_to_a_reply_stays_in_the_same_thread_and_quotes_what_it_answers()
    {
        var answer = Add(Open, Reply, "Tôi cũng vậy").Event!;

        Assert.Equal(TopLevel.Id, answer.ThreadId);
        Assert.Equal((Reply.Id, "minh"), (answer.QuotedCommentId, answer.QuotedAuthor?.Text));
        Assert.Equal("Trả lời lan: đồng ý!", answer.QuotedExcerpt);
    }

    [Fact]
    public void A_reply_to_a_comment_of_another_post_or_to_no_comment_is_a_400()
    {
        var elsewhere = TopLevel with { PostId = Guid.NewGuid() };

        Assert.Equal(["parentId"], Add(Open, elsewhere).Errors!.ToDictionary().Keys);
        Assert.Equal(["parentId"], Add(Open, parent: null, parentId: Guid.NewGuid()).Errors!.ToDictionary().Keys);
    }

    [Fact]
    public void A_deleted_comment_takes_no_replies()
    {
        Assert.Equal(RefusalKind.Conflict, Add(Open, TopLevel with { Deleted = true }).Refusal!.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    [InlineData("chuông\u0007")]
    public void An_empty_or_controlled_body_is_refused(string body)
    {
        Assert.Equal(["body"], Add(Open, body: body).Errors!.ToDictionary().Keys);
    }

    [Fact]
    public void A_body_may_be_one_character_or_16_KiB_but_not_more()
    {
        Assert.True(Add(Open, body: "👍").IsAccepted);
        Assert.True(Add(Open, body: new string('a', 16 * 1024)).IsAccepted);
        Assert.False(Add(Open, body: new string('a', 16 * 1024 + 1)).IsAccepted);
    }

    [Fact]
    public void The_author_or_a_moderator_edits_and_deletes_and_nobody_else()
    {
        Assert.Equal(RefusalKind.Forbidden, EditCommentDecision.Decide(TopLevel, new EditComment("Sửa", Minh, Now), Renderer).Refusal!.Kind);
        Assert.Equal("<p>Sửa</p>\n", EditCommentDecision.Decide(TopLevel, new EditComment("Sửa", Lan, Now), Renderer).Event!.BodyHtml);
        Assert.Equal(PostId, EditCommentDecision.Decide(TopLevel, new EditComment("Sửa", Moderator, Now), Renderer).Event!.PostId);

        Assert.Equal(RefusalKind.Forbidden, DeleteCommentDecision.Decide(TopLevel, new DeleteComment(Minh, Now)).Refusal!.Kind);
        Assert.IsType<CommentDeleted>(DeleteCommentDecision.Decide(TopLevel, new DeleteComment(Moderator, Now)).Event);
        Assert.Null(DeleteCommentDecision.Decide(TopLevel with { Deleted = true }, new DeleteComment(Lan, Now)).Event);
        Assert.Equal(RefusalKind.NotFound, EditCommentDecision.Decide(TopLevel with { Deleted = true }, new EditComment("x", Lan, Now), Renderer).Refusal!.Kind);
    }

    [Fact]
    public void The_service_view_of_a_post_is_the_same_whatever_order_its_events_come_in()
    {
        object[] events =
        [
            new PostPublished(PostId, 1, "tin-tuc", "t", "e", "h", "lan", Now, false),
            new PostLockChanged(PostId, 2, true, Now),
            new PostLockChanged(PostId, 3, false, Now),
            new PostLockChanged(PostId, 4, true, Now),
        ];
        var expected = events.Aggregate((CommentablePost?)null, (post, e) => CommentablePost.Apply(post, PostId, e));
        var random = new Random(5);
        for (var round = 0; round < 200; round++)
        {
            var shuffled = events.Concat(events).OrderBy(_ => random.Next());
            Assert.Equal(expected, shuffled.Aggregate((CommentablePost?)null, (post, e) => CommentablePost.Apply(post, PostId, e)));
        }
        Assert.Equal(new CommentablePost(PostId, true, false, true, 4), expected);
    }
}
