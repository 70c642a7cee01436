using Forum.Posts.Boards.Creating;
using Forum.Posts.Boards.Editing;
using Forum.Posts.Posts.Deleting;
using Forum.Posts.Posts.Editing;
using Forum.Posts.Posts.Hiding;
using Forum.Posts.Posts.Moderating;
using Forum.Posts.Posts.Publishing;
using Forum.EventSourcing;
using JasperFx.Events;
using Integration = Forum.Contracts.Posts;

namespace Forum.Posts.Forwarding;

/// <summary>How the posts service's domain events look to the rest of the forum.</summary>
public sealed class PostIntegrationEvents : IIntegrationEventMapper
{
    public object? ToIntegrationEvent(IEvent stored) => stored.Data switch
    {
        PostPublished e => new Integration.PostPublished(
            e.PostId, stored.Version, e.Board, e.Title, e.Excerpt, e.BodyHtml, e.Author, e.PublishedAt, e.HasImage, e.AuthorId, e.Mentioned ?? [],
            e.AwaitingApproval ? Forum.Content.HidingReasons.Approval : null),
        PostEdited e => new Integration.PostEdited(e.PostId, stored.Version, e.Title, e.Excerpt, e.BodyHtml, e.HasImage, e.Editor, e.EditedAt, e.Mentioned ?? []),
        PostDeleted e => new Integration.PostDeleted(e.PostId, stored.Version, e.DeletedAt, e.DeletedBy),
        PostLocked e => new Integration.PostLockChanged(e.PostId, stored.Version, true, e.At, e.By),
        PostUnlocked e => new Integration.PostLockChanged(e.PostId, stored.Version, false, e.At, e.By),
        PostPinned e => new Integration.PostPinChanged(e.PostId, stored.Version, true, e.At, e.By),
        PostUnpinned e => new Integration.PostPinChanged(e.PostId, stored.Version, false, e.At, e.By),
        PostHidden e => new Integration.PostVisibilityChanged(e.PostId, stored.Version, true, e.Reason, e.At, e.By),
        PostShown e => new Integration.PostVisibilityChanged(e.PostId, stored.Version, false, null, e.At, e.By),
        BoardCreated e => new Integration.BoardCreated(e.BoardId, stored.Version, e.Slug, e.Name, e.Description, e.CreatedAt),
        BoardEdited e => new Integration.BoardEdited(e.BoardId, stored.Version, e.Name, e.Description, e.Position, e.EditedAt),
        _ => null,
    };
}
