using Forum.Gateway.ReadModels.Boards;
using Forum.Gateway.ReadModels.Comments;
using Forum.Gateway.ReadModels.Posts;
using Forum.Gateway.ReadModels.Search;
using Forum.Gateway.ReadModels.Statistics;
using Marten;

namespace Forum.Gateway.ReadModels;

/// <summary>
/// The one way integration events change the read models, whether they arrive live from the
/// broker (a batch of one) or page by page from the services' event feeds during a rebuild.
/// Every projection is idempotent and order-safe, so the same event applied twice, late, or
/// both live and by a rebuild, changes nothing the second time.
/// </summary>
public static class ReadModelProjection
{
    private static readonly (Func<object, bool> Handles, Func<IDocumentStore, IReadOnlyList<object>, ISet<Guid>?, CancellationToken, Task> ProjectAsync)[] Projections =
    [
        (BoardProjection.Handles, (store, events, _, cancellationToken) => BoardProjection.ProjectAsync(store, events, cancellationToken)),
        (PostProjection.Handles, (store, events, _, cancellationToken) => PostProjection.ProjectAsync(store, events, cancellationToken)),
        (CommentProjection.Handles, CommentProjection.ProjectAsync),
        (EngagementProjection.Handles, (store, events, _, cancellationToken) => EngagementProjection.ProjectAsync(store, events, cancellationToken)),
        (DailyEngagement.Handles, (store, events, _, cancellationToken) => DailyEngagement.ProjectAsync(store, events, cancellationToken)),
    ];

    /// <param name="postsToRecount">
    /// A rebuild's: the posts whose comment counts it recounts once their history is in
    /// (<see cref="CommentProjection.ProjectAsync"/>); null recounts them now.
    /// </param>
    public static async Task ApplyAsync(IDocumentStore store, IReadOnlyList<object> events, CancellationToken cancellationToken, ISet<Guid>? postsToRecount = null)
    {
        foreach (var (handles, projectAsync) in Projections)
        {
            var mine = events.Where(handles).ToList();
            if (mine.Count > 0)
            {
                await projectAsync(store, mine, postsToRecount, cancellationToken);
            }
        }
    }

    /// <summary>The read-model documents: what a rebuild rebuilds and swaps.</summary>
    public static readonly Type[] DocumentTypes = [typeof(BoardSummary), typeof(CommentView), typeof(PostSummary), typeof(MemberLike), typeof(DailyEngagement)];

    /// <summary>The read-model documents, the same in the live schema and in a rebuild's.</summary>
    public static void RegisterDocuments(StoreOptions options)
    {
        // Which rebuild runs, and how far it is: one document that replicas take turns on.
        options.Schema.For<Rebuilding.RebuildStatus>().UseOptimisticConcurrency(true);
        options.Schema.For<BoardSummary>().UseOptimisticConcurrency(true);
        options.Schema.For<CommentView>()
            .UseOptimisticConcurrency(true)
            .Index(comment => comment.PostId)
            // What was written since a member's horizon, for their "new" filter (Forum.Gateway.Reading).
            .Index(comment => comment.CreatedAt);
        // The columns a board listing filters and sorts by are real columns, not JSON paths.
        // Marten's Duplicate would give each of them an index of its own as well; nothing reads
        // those (the listing indexes below hold the columns), and a post's counts change with
        // every like, view and comment, each change inserting into every index of the table
        // (views are in the listing indexes, so no update is HOT). So the columns are duplicated
        // without indexes, before the mapping's own configuration runs.
        options.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType == typeof(PostSummary))
            {
                foreach (var member in new[] { nameof(PostSummary.Board), nameof(PostSummary.PublishedAt), nameof(PostSummary.Views), nameof(PostSummary.Likes), nameof(PostSummary.Comments) })
                {
                    mapping.DuplicateField([typeof(PostSummary).GetProperty(member)!]);
                }
            }
        });
        var posts = options.Schema.For<PostSummary>()
            .UseOptimisticConcurrency(true)
            // Partial: only withdrawn (deleted or hidden) or pinned posts are in them, so they cost the others nothing.
            .Duplicate(post => post.Withdrawn, configure: index => index.Predicate = "withdrawn")
            .Duplicate(post => post.Pinned, configure: index => index.Predicate = "pinned");
        // One index per board order holding everything the order needs: page 500 is read from the
        // index alone (BoardListingQuery).
        posts.Index([post => post.Board, post => post.Withdrawn, post => post.Pinned, post => post.PublishedAt, post => post.Id], index => index.Name = "mt_doc_postsummary_board_latest");
        posts.Index([post => post.Board, post => post.Withdrawn, post => post.Views, post => post.PublishedAt, post => post.Id], index => index.Name = "mt_doc_postsummary_board_views");
        posts.Index([post => post.Board, post => post.Withdrawn, post => post.Likes, post => post.PublishedAt, post => post.Id], index => index.Name = "mt_doc_postsummary_board_likes");
        posts.Index([post => post.Board, post => post.Withdrawn, post => post.Comments, post => post.PublishedAt, post => post.Id], index => index.Name = "mt_doc_postsummary_board_comments");
        options.Schema.For<DailyEngagement>().UseOptimisticConcurrency(true);
        options.Schema.For<MemberLike>().UseOptimisticConcurrency(true);
    }
}
