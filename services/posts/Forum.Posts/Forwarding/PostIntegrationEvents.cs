using Forum.Posts.Boards.Creating;
using Forum.Posts.Boards.Editing;
using Forum.Posts.Posts.Deleting;
using Forum.Posts.Posts.Editing;
using Forum.Posts.Posts.Hiding;
using Forum.Posts.Posts.Moderating;
using Forum.Posts.Posts.Publishing;
using Forum.Posts.Posts.Tagging;
using Forum.EventSourcing;
using JasperFx.Events;
using Integration = Forum.Contracts.Posts;

namespace Forum.Posts.Forwarding;

/// <summary>How the posts service's domain events look to the rest of the forum.</summary>
public sealed class PostIntegrationEvents : IIntegrationEventMapper
{
    /// <summary>A member who left is named so everywhere their events travel: the broker, the feeds, exports and rebuilds.</summary>
    private const string FormerMember = Forum.Contracts.Accounts.MemberForgotten.FormerMemberName;

    public object? ToIntegrationEvent(IEvent stored) => stored.Data switch
    {
        PostPublished e => new Integration.PostPublished(
            e.PostId, stored.Version, e.Board, e.Title, e.Excerpt, e.BodyHtml, e.Author.Or(FormerMember), e.PublishedAt, e.HasImage, e.AuthorId, e.Mentioned ?? [],
            e.AwaitingApproval ? Forum.Content.HidingReasons.Approval : null, e.Tags ?? []),
        PostEdited e => new Integration.PostEdited(e.PostId, stored.Version, e.Title, e.Excerpt, e.BodyHtml, e.HasImage, e.Editor.Or(FormerMember), e.EditedAt, e.Mentioned ?? [], e.Tags),
        PostTagsChanged e => new Integration.PostTagsChanged(e.PostId, stored.Version, e.Tags, e.Editor.Or(FormerMember), e.ChangedAt),
        PostDeleted e => new Integration.PostDeleted(e.PostId, stored.Version, e.DeletedAt, e.DeletedBy.Or(FormerMember)),
        PostLocked e => new Integration.PostLockChanged(e.PostId, stored.Version, true, e.At, e.By.Or(FormerMember)),
        PostUnlocked e => new Integration.PostLockChanged(e.PostId, stored.Version, false, e.At, e.By.Or(FormerMember)),
        PostPinned e => new Integration.PostPinChanged(e.PostId, stored.Version, true, e.At, e.By.Or(FormerMember)),
        PostUnpinned e => new Integration.PostPinChanged(e.PostId, stored.Version, false, e.At, e.By.Or(FormerMember)),
        PostHidden e => new Integration.PostVisibilityChanged(e.PostId, stored.Version, true, e.Reason, e.At, e.By.Or(FormerMember)),
        PostShown e => new Integration.PostVisibilityChanged(e.PostId, stored.Version, false, null, e.At, e.By.Or(FormerMember)),
        BoardCreated e => new Integration.BoardCreated(e.BoardId, stored.Version, e.Slug, e.Name, e.Description, e.CreatedAt),
        BoardEdited e => new Integration.BoardEdited(e.BoardId, stored.Version, e.Name, e.Description, e.Position, e.EditedAt),
        _ => null,
    };
}
