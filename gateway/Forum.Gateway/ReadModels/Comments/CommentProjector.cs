using Forum.Contracts.Comments;
using Forum.Gateway.ReadModels.Posts;
using Marten;
using MassTransit;
using Npgsql;

namespace Forum.Gateway.ReadModels.Comments;

/// <summary>
/// Keeps <see cref="CommentView"/> documents in step with the comments service's events, and
/// each post's comment count exact: the count is recounted from the comments, never added to,
/// and written with optimistic concurrency, so whatever runs at once, the last write is a count
/// made after every comment it should include was committed.
/// </summary>
public static class CommentProjection
{
    public static bool Handles(object message) => message is CommentAdded or CommentEdited or CommentDeleted;

    public static async Task ProjectAsync(IDocumentStore store, IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        var comments = events.Select(e => (Id: CommentIdOf(e), Event: e)).ToList();
        await Conflicts.ApplyAsync(store, comments, id => new CommentView { Id = id }, CommentViewRules.Apply, comment => comment.Id, cancellationToken);
        foreach (var postId in events.Select(PostIdOf).Distinct())
        {
            if (!await RecountInPlaceAsync(store, postId, cancellationToken))
            {
                await Conflicts.RetryAsync(() => RecountAsync(store, postId, cancellationToken), cancellationToken);
            }
        }
    }

    /// <summary>
    /// The usual case, a post that exists: recounted in one transaction that first takes the
    /// post's advisory lock, so recounts of one post run one after another and each counts every
    /// comment committed before it began (no optimistic retries however busy the post). The new
    /// <c>mt_version</c> makes any writer holding an older copy of the post retry. True when the
    /// post is there (its count now right, changed or not); false when it is not there yet, which
    /// the caller handles by keeping the count for it.
    /// </summary>
    private static async Task<bool> RecountInPlaceAsync(IDocumentStore store, Guid postId, CancellationToken cancellationToken)
    {
        var schema = store.Options.DatabaseSchemaName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockPost = new NpgsqlCommand("select pg_advisory_xact_lock(hashtextextended($1::text, 0))", connection, transaction))
        {
            lockPost.Parameters.AddWithValue(postId);
            await lockPost.ExecuteNonQueryAsync(cancellationToken);
        }
        // A statement of its own after the lock: it sees every comment committed before it.
        // A redelivered comment leaves the count as it is: no write, and no second recount either.
        await using var recount = new NpgsqlCommand($$"""
            with c as (select count(*) as n from {{schema}}.mt_doc_commentview
                       where CAST(data ->> 'postId' as uuid) = $1 and not coalesce((data ->> 'deleted')::boolean, false)),
                 changed as (update {{schema}}.mt_doc_postsummary p
                       set data = jsonb_set(p.data, '{comments}', to_jsonb(c.n)), comments = c.n, mt_version = gen_random_uuid(), mt_last_modified = transaction_timestamp()
                       from c where p.id = $1 and p.comments <> c.n
                       returning p.id)
            select exists (select 1 from {{schema}}.mt_doc_postsummary where id = $1)
            """, connection, transaction);
        recount.Parameters.AddWithValue(postId);
        var postIsThere = (bool)(await recount.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return postIsThere;
    }

    /// <summary>Load the post, then count (so the count sees every comment the loaded version knew of), then write.</summary>
    private static async Task RecountAsync(IDocumentStore store, Guid postId, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var post = await session.LoadAsync<PostSummary>(postId, cancellationToken);
        var count = await session.Query<CommentView>().CountAsync(c => c.PostId == postId && !c.Deleted, cancellationToken);
        if (post is not null && post.Comments == count)
        {
            return;
        }
        if (post is null)
        {
            // The post's own event has not arrived yet; it will keep this count.
            session.Insert(new PostSummary { Id = postId, Comments = count });
        }
        else
        {
            session.Store(post with { Comments = count });
        }
        await session.SaveChangesAsync(cancellationToken);
    }

    private static Guid CommentIdOf(object message) => message switch
    {
        CommentAdded e => e.CommentId,
        CommentEdited e => e.CommentId,
        CommentDeleted e => e.CommentId,
        _ => throw new ArgumentException($"{message.GetType().Name} is not a comment event.", nameof(message)),
    };

    private static Guid PostIdOf(object message) => message switch
    {
        CommentAdded e => e.PostId,
        CommentEdited e => e.PostId,
        CommentDeleted e => e.PostId,
        _ => throw new ArgumentException($"{message.GetType().Name} is not a comment event.", nameof(message)),
    };
}

/// <summary>Delivers the comments service's events to the read models.</summary>
public sealed class CommentProjector(ReadModelWriter writer) :
    IConsumer<CommentAdded>, IConsumer<CommentEdited>, IConsumer<CommentDeleted>
{
    public Task Consume(ConsumeContext<CommentAdded> context) => writer.ApplyAsync(context);

    public Task Consume(ConsumeContext<CommentEdited> context) => writer.ApplyAsync(context);

    public Task Consume(ConsumeContext<CommentDeleted> context) => writer.ApplyAsync(context);
}
