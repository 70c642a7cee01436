using Forum.Comments.Comments.Adding;
using Forum.Comments.Comments.Deleting;
using Forum.Comments.Comments.Editing;
using Forum.Comments.Comments.Hiding;
using Forum.EventSourcing;
using JasperFx.Events;
using Integration = Forum.Contracts.Comments;

namespace Forum.Comments.Forwarding;

/// <summary>How the comments service's domain events look to the rest of the forum.</summary>
public sealed class CommentIntegrationEvents : IIntegrationEventMapper
{
    /// <summary>A member who left is named so everywhere their events travel: the broker, the feeds, exports and rebuilds.</summary>
    private const string FormerMember = Forum.Contracts.Accounts.MemberForgotten.FormerMemberName;

    public object? ToIntegrationEvent(IEvent stored) => stored.Data switch
    {
        CommentAdded e => new Integration.CommentAdded(
            e.CommentId, e.PostId, stored.Version, e.ThreadId == e.CommentId ? null : e.ThreadId, e.ThreadStartedAt,
            e.QuotedCommentId is { } quoted ? new Integration.QuotedComment(quoted, e.QuotedAuthor?.Or(FormerMember) ?? "", e.QuotedExcerpt ?? "") : null,
            e.AuthorId, e.Author.Or(FormerMember), e.BodyHtml, e.CreatedAt, e.Mentioned ?? []),
        CommentEdited e => new Integration.CommentEdited(e.CommentId, e.PostId, stored.Version, e.BodyHtml, e.Editor.Or(FormerMember), e.EditedAt, e.Mentioned ?? []),
        CommentDeleted e => new Integration.CommentDeleted(e.CommentId, e.PostId, stored.Version, e.DeletedAt, e.DeletedBy.Or(FormerMember)),
        CommentHidden e => new Integration.CommentVisibilityChanged(e.CommentId, e.PostId, stored.Version, true, e.Reason, e.At, e.By.Or(FormerMember)),
        CommentShown e => new Integration.CommentVisibilityChanged(e.CommentId, e.PostId, stored.Version, false, null, e.At, e.By.Or(FormerMember)),
        _ => null,
    };
}
