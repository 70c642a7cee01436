using Forum.EventSourcing.PersonalData;
using Forum.Posts.Posts.Deleting;
using Forum.Posts.Posts.Editing;
using Forum.Posts.Posts.Hiding;
using Forum.Posts.Posts.Moderating;
using Forum.Posts.Posts.Publishing;
using Forum.Posts.Posts.Tagging;
using Forum.ServiceDefaults.Security;

namespace Forum.Posts.Posts;

/// <summary>A post as its event stream tells it. Immutable: each event yields a new state.</summary>
public sealed record Post(
    Guid Id,
    string Board,
    string Title,
    string Body,
    string BodyHtml,
    Guid AuthorId,
    PersonalText Author,
    DateTimeOffset PublishedAt,
    DateTimeOffset? EditedAt = null,
    bool Locked = false,
    bool Pinned = false,
    bool Deleted = false,
    bool Hidden = false)
{
    /// <summary>Its tags, normalised, in the order they were given; none for posts from before tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public static Post Create(PostPublished e) =>
        new(e.PostId, e.Board, e.Title, e.Body, e.BodyHtml, e.AuthorId, e.Author, e.PublishedAt, Hidden: e.AwaitingApproval) { Tags = e.Tags ?? [] };

    /// <remarks>An edit without tags (every edit from before tags) leaves them as they were.</remarks>
    public Post Apply(PostEdited e) => this with { Title = e.Title, Body = e.Body, BodyHtml = e.BodyHtml, EditedAt = e.EditedAt, Tags = e.Tags ?? Tags };

    public Post Apply(PostTagsChanged e) => this with { Tags = e.Tags, EditedAt = e.ChangedAt };

    public Post Apply(PostDeleted _) => this with { Deleted = true };

    public Post Apply(PostLocked _) => this with { Locked = true };

    public Post Apply(PostUnlocked _) => this with { Locked = false };

    public Post Apply(PostPinned _) => this with { Pinned = true };

    public Post Apply(PostUnpinned _) => this with { Pinned = false };

    public Post Apply(PostHidden _) => this with { Hidden = true };

    public Post Apply(PostShown _) => this with { Hidden = false };

    /// <summary>The author, and moderators, may change or remove a post.</summary>
    public bool MayBeChangedBy(Actor actor) => actor.IsModerator || actor.Id == AuthorId;
}
