using Forum.EventSourcing;
using Marten;

namespace Forum.Posts.Posts;

/// <summary>Commands on an existing post: load, check If-Match, decide, append (see <see cref="StreamCommands"/>).</summary>
public static class PostStreams
{
    public static Task<IResult> ExecuteAsync<TEvent>(
        string id, HttpRequest request, IDocumentSession session, bool requireIfMatch,
        Func<Post?, Decision<TEvent>> decide, Func<Guid, long, IResult> answer, CancellationToken cancellationToken)
        where TEvent : class =>
        StreamCommands.ExecuteAsync("post", id, request, session, requireIfMatch, post => post is null or { Deleted: true }, decide, answer, cancellationToken);
}
