using Forum.Posts.Posts.Publishing;

namespace Forum.Posts.Posts;

/// <summary>A post as its event stream tells it. Immutable: each event yields a new state.</summary>
public sealed record Post(
    Guid Id,
    string Board,
    string Title,
    string Body,
    string Author,
    DateTimeOffset PublishedAt)
{
    public static Post Create(PostPublished published) =>
        new(published.PostId, published.Board, published.Title, published.Body, published.Author, published.PublishedAt);
}
