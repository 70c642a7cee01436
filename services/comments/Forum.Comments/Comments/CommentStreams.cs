using Forum.EventSourcing;
using Marten;

namespace Forum.Comments.Comments;

/// <summary>Commands on an existing comment: load, check If-Match, decide, append (see <see cref="StreamCommands"/>).</summary>
public static class CommentStreams
{
    public static Task<IResult> ExecuteAsync<TEvent>(
        string id, HttpRequest request, IDocumentSession session, bool requireIfMatch,
        Func<Comment?, Decision<TEvent>> decide, Func<Guid, long, IResult> answer, CancellationToken cancellationToken)
        where TEvent : class =>
        StreamCommands.ExecuteAsync("comment", id, request, session, requireIfMatch, comment => comment is null or { Deleted: true }, decide, answer, cancellationToken);
}
