using Forum.EventSourcing.PersonalData;
using Forum.Engagement.KnowingPosts;
using Forum.Engagement.Liking;
using Forum.Engagement.Streams;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;

namespace Forum.Engagement.Tests.Liking;

/// <summary>Given a post and who likes it, when a member likes or unlikes it, then an event, nothing, or a refusal.</summary>
public sealed class Liking_a_post
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private static readonly Actor Author = new(Guid.NewGuid(), "minh", IsModerator: false);
    private static readonly Actor Reader = new(Guid.NewGuid(), "lan", IsModerator: false);
    private static readonly Actor Moderator = new(Guid.NewGuid(), "điều_hành", IsModerator: true);
    private static readonly EngageablePost Post = new(Guid.NewGuid(), Author.PersonalName(), Deleted: false, Version: 1, AuthorId: Author.Id);

    private static PostEngagement LikedBy(params Actor[] members)
    {
        var engagement = new PostEngagement { Id = Post.Id };
        foreach (var member in members)
        {
            engagement.Apply(new PostLiked(Post.Id, member.Id, engagement.Likes + 1, Now));
        }
        return engagement;
    }

    private static Decision<PostLiked> Like(EngageablePost? post, PostEngagement? engagement, Actor by) =>
        LikeDecisions.Decide(post, engagement, new LikePost(Post.Id, by, Now));

    private static Decision<PostUnliked> Unlike(EngageablePost? post, PostEngagement? engagement, Actor by) =>
        LikeDecisions.Decide(post, engagement, new UnlikePost(Post.Id, by, Now));

    [Fact]
    public void A_first_like_brings_the_count_to_one_and_names_the_member()
    {
        var liked = Like(Post, null, Reader).Event!;

        Assert.Equal((Post.Id, Reader.Id, 1L, Now), (liked.PostId, liked.UserId, liked.Likes, liked.At));
    }

    [Fact]
    public void Each_like_carries_the_count_after_it()
    {
        Assert.Equal(3, Like(Post, LikedBy(Reader, Moderator), new Actor(Guid.NewGuid(), "khách", false)).Event!.Likes);
    }

    [Fact]
    public void Liking_again_changes_nothing()
    {
        var decision = Like(Post, LikedBy(Reader), Reader);

        Assert.True(decision.IsAccepted);
        Assert.Null(decision.Event);
    }

    [Fact]
    public void Unliking_takes_the_like_back_and_unliking_again_changes_nothing()
    {
        var unliked = Unlike(Post, LikedBy(Reader, Moderator), Reader).Event!;
        Assert.Equal((Reader.Id, 1L), (unliked.UserId, unliked.Likes));

        var again = Unlike(Post, LikedBy(Moderator), Reader);
        Assert.True(again.IsAccepted);
        Assert.Null(again.Event);
        Assert.Null(Unlike(Post, null, Reader).Event);
    }

    [Fact]
    public void An_author_may_not_like_their_own_post_but_moderators_and_others_may()
    {
        Assert.Equal(RefusalKind.Forbidden, Like(Post, null, Author).Refusal!.Kind);
        Assert.True(Like(Post, null, Moderator).Event is not null);
        Assert.True(Like(Post, null, Reader).Event is not null);
    }

    [Fact]
    public void A_post_from_an_older_publisher_knows_its_author_by_name()
    {
        var older = Post with { AuthorId = Guid.Empty };

        Assert.Equal(RefusalKind.Forbidden, Like(older, null, Author with { Id = Guid.NewGuid() }).Refusal!.Kind);
        Assert.True(Like(older, null, Reader).IsAccepted);
    }

    [Fact]
    public void A_deleted_or_unknown_post_takes_no_like_and_no_unlike()
    {
        var deleted = Post with { Deleted = true };

        Assert.Equal(RefusalKind.NotFound, Like(deleted, LikedBy(Moderator), Reader).Refusal!.Kind);
        Assert.Equal(RefusalKind.NotFound, Like(null, null, Reader).Refusal!.Kind);
        Assert.Equal(RefusalKind.NotFound, Unlike(deleted, LikedBy(Reader), Reader).Refusal!.Kind);
        Assert.Equal(RefusalKind.NotFound, Unlike(null, null, Reader).Refusal!.Kind);
    }

    [Fact]
    public void The_snapshot_follows_likes_unlikes_and_views()
    {
        var engagement = LikedBy(Reader, Moderator);
        engagement.Apply(new PostUnliked(Post.Id, Reader.Id, 1, Now));
        engagement.Apply(new Forum.Engagement.CountingViews.ViewsCounted(Post.Id, Guid.NewGuid(), 5, 12, Now));

        Assert.Equal((1L, 12L), (engagement.Likes, engagement.Views));
        Assert.True(engagement.IsLikedBy(Moderator.Id));
        Assert.False(engagement.IsLikedBy(Reader.Id));
    }
}
