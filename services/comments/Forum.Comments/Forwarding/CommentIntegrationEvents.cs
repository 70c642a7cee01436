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
    public object? ToIntegrationEvent(IEvent stored) => stored.Data switch
    {
        CommentAdded e => new Integration.CommentAdded(
            e.CommentId, e.PostId, stored.Version, e.ThreadId == e.CommentId ? null : e.ThreadId, e.ThreadStartedAt,
            e.QuotedCommentId is { } quoted ? new Integration.QuotedComment(quoted, e.QuotedAuthor ?? "", e.QuotedExcerpt ?? "") : null,
            e.AuthorId, e.Author, e.BodyHtml, e.CreatedAt, e.Mentioned ?? []),
        CommentEdited e => new Integration.CommentEdited(e.CommentId, e.PostId, stored.Version, e.BodyHtml, e.Editor, e.EditedAt, e.Mentioned ?? []),
        CommentDeleted e => new Integration.CommentDeleted(e.CommentId, e.PostId, stored.Version, e.DeletedAt, e.DeletedBy),
        CommentHidden e => new Integration.CommentVisibilityChanged(e.CommentId, e.PostId, stored.Version, true, e.Reason, e.At, e.By),
        CommentShown e => new Integration.CommentVisibilityChanged(e.CommentId, e.PostId, stored.Version, false, null, e.At, e.By),
        _ => null,
    };
}
