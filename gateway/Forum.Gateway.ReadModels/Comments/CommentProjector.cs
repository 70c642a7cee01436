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
    public static bool Handles(object message) => message is CommentAdded or CommentEdited or CommentDeleted or CommentVisibilityChanged;

    /// <param name="postsToRecount">
    /// Where a rebuild gathers the posts to recount once all their comments are in, rather than
    /// with each page: a recount rewrites the post's whole document, and a post's comments are
    /// spread over many pages of its history. Live events leave it null and recount at once.
    /// </param>
    public static async Task ProjectAsync(IDocumentStore store, IReadOnlyList<object> events, ISet<Guid>? postsToRecount, CancellationToken cancellationToken)
    {
        var comments = events.Select(e => (Id: CommentIdOf(e), Event: e)).ToList();
        await ProjectionBatches.ApplyAsync(store, comments, id => new CommentView { Id = id }, CommentViewRules.Apply, comment => comment.Id, cancellationToken);
        var posts = events.Select(PostIdOf).Distinct().ToArray();
        if (postsToRecount is null)
        {
            await RecountAsync(store, posts, cancellationToken);
        }
        else
        {
            postsToRecount.UnionWith(posts);
        }
    }

    /// <summary>Sets each post's comment count to the comments it has, a few thousand posts a transaction.</summary>
    public static async Task RecountAsync(IDocumentStore store, IEnumerable<Guid> postIds, CancellationToken cancellationToken)
    {
        foreach (var posts in postIds.Chunk(5_000))
        {
            foreach (var missing in await RecountInPlaceAsync(store, posts, cancellationToken))
            {
                await ProjectionBatches.RetryOnConflictAsync(() => RecountOneAsync(store, missing, cancellationToken), cancellationToken);
            }
        }
    }

    /// <summary>
    /// The usual case, posts that exist: recounted in one transaction that first takes each
    /// post's advisory lock (in one order, so two recounts never wait on each other in a circle),
    /// so recounts of one post run one after another and each counts every comment committed
    /// before it began (no optimistic retries however busy the post). One statement recounts
    /// every post of the batch: a rebuild's page of thousands of comments costs a round trip, not
    /// thousands. The new <c>mt_version</c> makes any writer holding an older copy of a post
    /// retry. Returns the posts that are not there yet, which the caller handles by keeping the
    /// count for them.
    /// </summary>
    private static async Task<List<Guid>> RecountInPlaceAsync(IDocumentStore store, Guid[] postIds, CancellationToken cancellationToken)
    {
        var schema = store.Options.DatabaseSchemaName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockPosts = new NpgsqlCommand(
            "select count(pg_advisory_xact_lock(hashtextextended(id::text, 0))) from (select unnest($1::uuid[]) as id order by 1) ids", connection, transaction))
        {
            lockPosts.Parameters.AddWithValue(postIds);
            await lockPosts.ExecuteScalarAsync(cancellationToken);
        }
        // A statement of its own after the locks: it sees every comment committed before it.
        // A redelivered comment leaves the count as it is: no write, and no second recount either.
        await using var recount = new NpgsqlCommand($$"""
            with asked as (select unnest($1::uuid[]) as id),
                 c as (select asked.id, (select count(*) from {{schema}}.mt_doc_commentview v
                                         where CAST(v.data ->> 'postId' as uuid) = asked.id
                                           and not coalesce((v.data ->> 'deleted')::boolean, false)) as n
                       from asked),
                 changed as (update {{schema}}.mt_doc_postsummary p
                       set data = jsonb_set(p.data, '{comments}', to_jsonb(c.n)), comments = c.n, mt_version = gen_random_uuid(), mt_last_modified = transaction_timestamp()
                       from c where p.id = c.id and p.comments <> c.n
                       returning p.id)
            select asked.id from asked where not exists (select 1 from {{schema}}.mt_doc_postsummary p where p.id = asked.id)
            """, connection, transaction);
        recount.Parameters.AddWithValue(postIds);
        var missing = new List<Guid>();
        await using (var reader = await recount.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                missing.Add(reader.GetGuid(0));
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return missing;
    }

    /// <summary>Load the post, then count (so the count sees every comment the loaded version knew of), then write.</summary>
    private static async Task RecountOneAsync(IDocumentStore store, Guid postId, CancellationToken cancellationToken)
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
        CommentVisibilityChanged e => e.CommentId,
        _ => throw new ArgumentException($"{message.GetType().Name} is not a comment event.", nameof(message)),
    };

    private static Guid PostIdOf(object message) => message switch
    {
        CommentAdded e => e.PostId,
        CommentEdited e => e.PostId,
        CommentDeleted e => e.PostId,
        CommentVisibilityChanged e => e.PostId,
        _ => throw new ArgumentException($"{message.GetType().Name} is not a comment event.", nameof(message)),
    };
}

/// <summary>Delivers the comments service's events to the read models.</summary>
public sealed class CommentProjector(ReadModelWriter writer) :
    IConsumer<CommentAdded>, IConsumer<CommentEdited>, IConsumer<CommentDeleted>, IConsumer<CommentVisibilityChanged>
{
    public Task Consume(ConsumeContext<CommentVisibilityChanged> context) => writer.ApplyAsync(context);

    public Task Consume(ConsumeContext<CommentAdded> context) => writer.ApplyAsync(context);

    public Task Consume(ConsumeContext<CommentEdited> context) => writer.ApplyAsync(context);

    public Task Consume(ConsumeContext<CommentDeleted> context) => writer.ApplyAsync(context);
}
