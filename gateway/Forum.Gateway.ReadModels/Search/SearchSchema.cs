using System.Globalization;
using Marten;
using Npgsql;

namespace Forum.Gateway.ReadModels.Search;

/// <summary>
/// The search table and what it needs: the <c>unaccent</c> and <c>pg_trgm</c> extensions, an
/// immutable wrapper of <c>unaccent</c> (so it may appear in indexes), <c>forum.search_text</c>
/// (NFC, unaccented, lower case; the services store NFC already, and checking that costs a fifth
/// of normalizing: 10 against 51 µs for a post's body), the table
/// <c>forum.post_search</c> with a weighted <c>tsvector</c> (title A, body B) over unaccented,
/// lower-case text, and trigram indexes for scripts without word spaces and for fragments.
/// Every statement is idempotent; they run at start-up, after Marten has applied its own schema
/// (hosted services start in the order they were added), under an advisory lock so that
/// replicas starting together do not race to create the extensions.
/// </summary>
public sealed class SearchSchema(NpgsqlDataSource dataSource, ILogger<SearchSchema> logger) : IHostedService
{
    /// <summary>The document table of <see cref="Posts.PostSummary"/>, in the gateway's schema.</summary>
    public const string PostSummaryTable = "forum.mt_doc_postsummary";

    /// <summary>The extensions and functions, shared by the live read models and a rebuild's.</summary>
    public const string FunctionsDdl = """
        select pg_advisory_xact_lock(hashtext('forum.post_search'));
        create extension if not exists unaccent schema public;
        create extension if not exists pg_trgm schema public;
        create schema if not exists forum;
        create or replace function forum.immutable_unaccent(text) returns text
            language sql immutable parallel safe strict
            as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;
        create or replace function forum.search_text(text) returns text
            language sql immutable parallel safe strict
            as $$ select lower(forum.immutable_unaccent(case when $1 is nfc normalized then $1 else normalize($1, NFC) end)) $$;
        """;

    /// <summary>The search table in a schema, with its indexes: the live one, <c>forum</c>, or a rebuild's.</summary>
    public static string TableDdl(string schema) => TableOnlyDdl(schema) + IndexesDdl(schema);

    /// <summary>
    /// The search table without its indexes. A rebuild fills it so and builds the indexes once at the
    /// end: the three GIN indexes (words and trigrams) cost most of a post's insert when kept up
    /// row by row.
    /// </summary>
    public static string TableOnlyDdl(string schema) => $"""
        create table if not exists {schema}.post_search (
            post_id uuid primary key,
            board text not null,
            title text not null,
            body text not null,
            published_at timestamptz not null,
            deleted boolean not null,
            document tsvector generated always as
                (setweight(to_tsvector('simple'::regconfig, title), 'A') || setweight(to_tsvector('simple'::regconfig, body), 'B')) stored);
        -- Tags came later: a table from before them gains the column, every old post with none.
        alter table {schema}.post_search add column if not exists tags text[] not null default array[]::text[];
        """;

    public static string IndexesDdl(string schema) => string.Concat(IndexStatements(schema).Select(statement => statement + ";\n"));

    /// <summary>The search table's indexes, one statement each, the largest first.</summary>
    public static IReadOnlyList<string> IndexStatements(string schema) =>
    [
        $"create index if not exists post_search_body_trgm on {schema}.post_search using gin (body public.gin_trgm_ops)",
        $"create index if not exists post_search_document on {schema}.post_search using gin (document)",
        $"create index if not exists post_search_title_trgm on {schema}.post_search using gin (title public.gin_trgm_ops)",
        $"create index if not exists post_search_board_published on {schema}.post_search (board, published_at desc)",
        $"create index if not exists post_search_tags on {schema}.post_search using gin (tags)",
    ];

    public const string TableName = "post_search";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(FunctionsDdl + TableDdl("forum"), connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("The search table is ready.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Keeps <c>forum.post_search</c> in step with <see cref="Posts.PostSummary"/>.</summary>
public static class SearchIndex
{
    private const string Upsert = """
        insert into {0}.post_search (post_id, board, title, body, published_at, deleted, tags)
        values (?, ?, forum.search_text(?), forum.search_text(?), ?, ?, ?)
        on conflict (post_id) do update set
            board = excluded.board, title = excluded.title, body = excluded.body,
            published_at = excluded.published_at, deleted = excluded.deleted, tags = excluded.tags
        """;

    /// <summary>
    /// Queues the upsert of a post's search row in the session, so it commits in the same
    /// transaction as the post's document; it writes the post as it is, so it is idempotent.
    /// </summary>
    public static void QueueUpsert(IDocumentSession session, Posts.PostSummary post)
    {
        if (post.ContentVersion == 0)
        {
            return;
        }
        // The session's own schema: the live read models' or, during a rebuild, the rebuild's.
        session.QueueSqlCommand(string.Format(CultureInfo.InvariantCulture, Upsert, session.DocumentStore.Options.DatabaseSchemaName), post.Id, post.Board, post.Title, PlainText.FromHtml(post.BodyHtml), post.PublishedAt.ToUniversalTime(), post.Withdrawn, post.Tags.ToArray());
    }
}
