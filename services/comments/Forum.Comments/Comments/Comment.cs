using Forum.EventSourcing.PersonalData;
using Forum.Comments.Comments.Adding;
using Forum.Comments.Comments.Deleting;
using Forum.Comments.Comments.Editing;
using Forum.Comments.Comments.Hiding;
using Forum.ServiceDefaults.Security;

namespace Forum.Comments.Comments;

/// <summary>A comment as its event stream tells it.</summary>
/// <param name="ThreadId">The top-level comment its thread starts with; itself for a top-level comment.</param>
public sealed record Comment(
    Guid Id,
    Guid PostId,
    Guid ThreadId,
    DateTimeOffset ThreadStartedAt,
    Guid AuthorId,
    PersonalText Author,
    string Body,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt = null,
    bool Deleted = false,
    bool Hidden = false)
{
    public bool IsReply => ThreadId != Id;

    public static Comment Create(CommentAdded e) =>
        new(e.CommentId, e.PostId, e.ThreadId, e.ThreadStartedAt, e.AuthorId, e.Author, e.Body, e.CreatedAt);

    public Comment Apply(CommentEdited e) => this with { Body = e.Body, EditedAt = e.EditedAt };

    public Comment Apply(CommentDeleted _) => this with { Deleted = true };

    public Comment Apply(CommentHidden _) => this with { Hidden = true };

    public Comment Apply(CommentShown _) => this with { Hidden = false };

    /// <summary>The author, and moderators, may change or remove a comment.</summary>
    public bool MayBeChangedBy(Actor actor) => actor.IsModerator || actor.Id == AuthorId;
}
