using Forum.EventSourcing.PersonalData;
using Forum.Posts.Posts;
using Forum.Posts.Posts.Editing;
using Forum.Posts.Posts.Publishing;
using Forum.Content;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;

namespace Forum.Posts.Tests.Publishing;

/// <summary>
/// Given a member in their first day, when they publish or edit, then at most three links and no
/// image; the same body from an established member or a moderator is taken.
/// </summary>
public sealed class A_new_member_s_post
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly MarkdownRenderer Renderer = new();

    private static readonly Actor NewMember = new(Guid.NewGuid(), "mới_đến", IsModerator: false, NewMemberUntil: Now.AddHours(20));
    private static readonly Actor NoLongerNew = new(Guid.NewGuid(), "đã_quen", IsModerator: false, NewMemberUntil: Now.AddSeconds(-1));
    private static readonly Actor Veteran = new(Guid.NewGuid(), "lâu_năm", IsModerator: false);
    private static readonly Actor NewModerator = new(Guid.NewGuid(), "điều_hành", IsModerator: true, NewMemberUntil: Now.AddHours(20));

    private const string ThreeLinks = "Xem https://vnexpress.net/tin-tuc-thoi-su-hom-nay-rat-dai-1234567890.html, [báo](https://tuoitre.vn) và <https://www.hankookilbo.com/News/Read/A2026120709000001>.";
    private const string FourLinks = ThreeLinks + " Thêm [một nữa](https://example.org/mua-ngay).";
    private const string WithImage = "Ảnh: ![mèo](/upload/0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0.webp)";

    private static Decision<PostPublished> Publish(Actor author, string body) =>
        PublishPostDecision.Decide(new PublishPost(Guid.NewGuid(), "tin-tuc", "Bài đầu tiên", body, author, Now), _ => true, Renderer);

    [Fact]
    public void Three_links_are_allowed()
    {
        Assert.True(Publish(NewMember, ThreeLinks).IsAccepted);
    }

    [Fact]
    public void A_fourth_link_is_refused_naming_the_body_and_the_count()
    {
        var decision = Publish(NewMember, FourLinks);

        var errors = decision.Errors!.ToDictionary();
        Assert.Equal(["body"], errors.Keys);
        Assert.Contains("at most 3 links", Assert.Single(errors["body"]));
        Assert.Contains("has 4", errors["body"][0]);
    }

    [Fact]
    public void An_image_is_refused()
    {
        var decision = Publish(NewMember, WithImage);

        Assert.Contains("may not show images", Assert.Single(decision.Errors!.ToDictionary()["body"]));
    }

    [Fact]
    public void Mentions_are_not_links_the_writer_put_there()
    {
        var members = new[] { "lan", "minh", "hà", "tuấn" }.ToDictionary(MemberNames.Key, name => new MentionedMember(Guid.NewGuid(), name));
        var decision = PublishPostDecision.Decide(
            new PublishPost(Guid.NewGuid(), "tin-tuc", "Chào", "Chào @lan @minh @hà @tuấn!", NewMember, Now), _ => true, Renderer, members);

        Assert.True(decision.IsAccepted);
    }

    [Fact]
    public void An_established_member_a_member_whose_first_day_is_over_and_a_moderator_may_show_images_and_many_links()
    {
        foreach (var author in new[] { Veteran, NoLongerNew, NewModerator })
        {
            Assert.True(Publish(author, FourLinks + "\n\n" + WithImage).IsAccepted, author.Name);
        }
    }

    [Fact]
    public void An_edit_cannot_add_what_publishing_would_refuse()
    {
        var post = new Post(Guid.NewGuid(), "tin-tuc", "Bài đầu tiên", "Không có liên kết", "<p>Không có liên kết</p>\n", NewMember.Id, NewMember.PersonalName(), Now.AddMinutes(-5));

        var decision = EditPostDecision.Decide(post, new EditPost(post.Id, "Bài đầu tiên", FourLinks, NewMember, Now), Renderer);

        Assert.Equal(["body"], decision.Errors!.ToDictionary().Keys);
    }
}
