using Forum.Contracts.Comments;
using Forum.Contracts.Engagement;
using Forum.Contracts.Posts;
using Forum.Notifications.KnowingPosts;
using Forum.Notifications.Notifying;

namespace Forum.Notifications.Tests;

/// <summary>The pure rules: given what is known, when an event comes, then these notifications.</summary>
public sealed class Deciding_whom_to_tell
{
    private static readonly Guid Author = Guid.NewGuid();
    private static readonly Guid Commenter = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly KnownPost Post = new(Guid.NewGuid(), true, Author, "tác_giả", "Tin tức hôm nay", 1, false);

    private static CommentAdded Comment(Guid by, string name, Guid? parent = null, QuotedComment? quote = null, string html = "<p>Chào <strong>bạn</strong> &amp; 안녕</p>") =>
        new(Guid.NewGuid(), Post.Id, 1, parent, Now, quote, by, name, html, Now);

    [Fact]
    public void A_comment_tells_the_post_author_with_a_plain_text_excerpt()
    {
        var notification = Assert.Single(CommentNotifications.For(Comment(Commenter, "người_lạ"), Post, answered: null));

        Assert.Equal((Author, NotificationTypes.Comment), (notification.RecipientId, notification.Type));
        Assert.Equal("Chào bạn & 안녕", notification.Excerpt);
        Assert.Equal(["người_lạ"], notification.Actors);
    }

    [Fact]
    public void The_author_commenting_on_their_own_post_tells_nobody()
    {
        Assert.Empty(CommentNotifications.For(Comment(Author, "tác_giả"), Post, answered: null));
    }

    [Fact]
    public void A_reply_to_the_post_author_tells_them_once_as_a_reply()
    {
        var answered = new KnownComment(Guid.NewGuid(), Post.Id, Author, "tác_giả");
        var notification = Assert.Single(CommentNotifications.For(Comment(Commenter, "người_lạ", parent: answered.Id), Post, answered));

        Assert.Equal((Author, NotificationTypes.Reply), (notification.RecipientId, notification.Type));
    }

    [Fact]
    public void A_reply_to_a_reply_answers_the_quoted_comment_not_the_thread_start()
    {
        var thread = Guid.NewGuid();
        var quoted = Guid.NewGuid();
        var reply = Comment(Commenter, "người_lạ", parent: thread, quote: new QuotedComment(quoted, "ai_đó", "…"));

        Assert.Equal(quoted, CommentNotifications.AnsweredCommentId(reply));
    }

    [Fact]
    public void The_same_comment_gives_the_same_notification_ids()
    {
        var comment = Comment(Commenter, "người_lạ");

        Assert.Equal(CommentNotifications.For(comment, Post, null).Select(n => n.Id), CommentNotifications.For(comment, Post, null).Select(n => n.Id));
        Assert.NotEqual(NotificationIds.For(NotificationTypes.Comment, comment.CommentId, Author), NotificationIds.For(NotificationTypes.Reply, comment.CommentId, Author));
    }

    [Fact]
    public void Likes_grow_one_notification_that_an_older_event_does_not_change()
    {
        var first = LikeNotifications.Apply(null, new LikesChanged(Post.Id, 2, 1, Now), Post)!;
        var third = LikeNotifications.Apply(first with { Read = true }, new LikesChanged(Post.Id, 4, 3, Now.AddMinutes(1)), Post)!;
        var late = LikeNotifications.Apply(third, new LikesChanged(Post.Id, 3, 2, Now), Post);

        Assert.Equal(first.Id, third.Id);
        Assert.Equal(3, third.Count);
        Assert.False(third.Read);
        Assert.Same(third, late);
    }

    [Fact]
    public void A_likes_notification_names_the_three_newest_likers_and_forgets_one_who_took_it_back()
    {
        Notification? notification = null;
        var version = 1;
        foreach (var name in new[] { "minh", "김민준", "Đặng_Thị_Ánh", "𝐑𝐄𝐕𝐈𝐄𝐖er" })
        {
            notification = LikeNotifications.Apply(notification, new LikesChanged(Post.Id, ++version, version - 1, Now, Guid.NewGuid(), name, Liked: true), Post);
        }
        Assert.Equal(4, notification!.Count);
        Assert.Equal(["𝐑𝐄𝐕𝐈𝐄𝐖er", "Đặng_Thị_Ánh", "김민준"], notification.Actors);

        var unliked = LikeNotifications.Apply(notification, new LikesChanged(Post.Id, ++version, 3, Now, Guid.NewGuid(), "Đặng_Thị_Ánh", Liked: false), Post)!;
        Assert.Equal(["𝐑𝐄𝐕𝐈𝐄𝐖er", "김민준"], unliked.Actors);
        Assert.Equal(3, unliked.Count);

        // A like from an older publisher names nobody and keeps the names it has.
        var anonymous = LikeNotifications.Apply(unliked, new LikesChanged(Post.Id, ++version, 4, Now), Post)!;
        Assert.Equal(["𝐑𝐄𝐕𝐈𝐄𝐖er", "김민준"], anonymous.Actors);
    }

    [Fact]
    public void Fewer_likes_keep_it_read_and_none_take_it_back()
    {
        var read = LikeNotifications.Apply(null, new LikesChanged(Post.Id, 2, 2, Now), Post)! with { Read = true };

        Assert.True(LikeNotifications.Apply(read, new LikesChanged(Post.Id, 3, 1, Now), Post)!.Read);
        Assert.Null(LikeNotifications.Apply(read, new LikesChanged(Post.Id, 4, 0, Now), Post));
    }

    [Fact]
    public void A_post_known_out_of_order_keeps_its_newest_title_and_its_author()
    {
        var id = Guid.NewGuid();
        var edited = KnownPost.Apply(null, id, new PostEdited(id, 2, "Tiêu đề mới", "", "", false, "tác_giả", Now));
        var published = KnownPost.Apply(edited, id, new PostPublished(id, 1, "tin-tuc", "Tiêu đề cũ", "", "", "tác_giả", Now, false, Author))!;

        Assert.Equal(("Tiêu đề mới", Author, true), (published.Title, published.AuthorId, published.Published));
        Assert.True(KnownPost.Apply(published, id, new PostDeleted(id, 3, Now))!.Deleted);
    }

    [Fact]
    public void An_excerpt_is_cut_between_letters_as_a_reader_counts_them()
    {
        var excerpt = Excerpts.FromHtml("<p>" + string.Concat(Enumerable.Repeat("Việt👍🏽", 100)) + "</p>");

        Assert.EndsWith("…", excerpt);
        Assert.Equal(Excerpts.MaxLength, new global::System.Globalization.StringInfo(excerpt).LengthInTextElements);
    }
}
