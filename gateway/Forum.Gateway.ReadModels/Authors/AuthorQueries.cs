using Forum.Gateway.ReadModels.Comments;
using Forum.Gateway.ReadModels.Posts;
using Marten;

namespace Forum.Gateway.ReadModels.Authors;

/// <summary>A comment as an author's page lists it: where it was written, and what it says.</summary>
public sealed record AuthorComment(Guid Id, Guid PostId, string BodyHtml, DateTimeOffset CreatedAt);

/// <summary>An author's latest posts and comments, newest first (deleted ones are not shown).</summary>
public sealed record AuthorPage(string Name, IReadOnlyList<PostListItem> Posts, IReadOnlyList<AuthorComment> Comments);

/// <summary>The read side of an author's page, for the web page and the API alike.</summary>
public sealed class AuthorQueries(IQuerySession session)
{
    /// <summary>How many posts and how many comments an author's page shows.</summary>
    public const int Latest = 50;

    /// <summary>The longest name an author's page is asked for.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Everything an author wrote that is still there (held or hidden content too: it is theirs), oldest first, for their own export.</summary>
    public async Task<(IReadOnlyList<PostSummary> Posts, IReadOnlyList<CommentView> Comments)> EverythingAsync(string name, CancellationToken cancellationToken)
    {
        var posts = await session.Query<PostSummary>().Where(p => p.Author == name && !p.Deleted && p.ContentVersion > 0)
            .OrderBy(p => p.PublishedAt).ToListAsync(cancellationToken);
        var comments = await session.Query<CommentView>().Where(c => c.Author == name && !c.Deleted && c.ContentVersion > 0)
            .OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);
        return (posts, comments);
    }

    /// <summary>How many posts and comments an author shows, and the likes their posts received.</summary>
    public async Task<(int Posts, int Comments, long LikesReceived)> CountsAsync(string name, CancellationToken cancellationToken)
    {
        var posts = session.Query<PostSummary>().Where(p => p.Author == name && !p.Withdrawn && p.ContentVersion > 0);
        var postCount = await posts.CountAsync(cancellationToken);
        var likes = postCount == 0 ? 0 : await posts.SumAsync(p => p.Likes, cancellationToken);
        var comments = await session.Query<CommentView>().CountAsync(c => c.Author == name && !c.Deleted && !c.Hidden && c.ContentVersion > 0, cancellationToken);
        return (postCount, comments, likes);
    }

    public async Task<AuthorPage> LatestAsync(string name, CancellationToken cancellationToken)
    {
        var posts = await session.Query<PostSummary>()
            .Where(p => p.Author == name && !p.Withdrawn && p.ContentVersion > 0)
            .OrderByDescending(p => p.PublishedAt).Take(Latest).ToListAsync(cancellationToken);
        var comments = await session.Query<CommentView>()
            .Where(c => c.Author == name && !c.Deleted && !c.Hidden && c.ContentVersion > 0)
            .OrderByDescending(c => c.CreatedAt).Take(Latest).ToListAsync(cancellationToken);
        return new AuthorPage(name, posts.Select(PostListItem.From).ToList(),
            comments.Select(c => new AuthorComment(c.Id, c.PostId, c.BodyHtml, c.CreatedAt)).ToList());
    }
}
