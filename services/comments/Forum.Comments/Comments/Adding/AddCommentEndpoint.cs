using Forum.EventSourcing.KnowingMembers;
using System.Security.Claims;
using Forum.Comments.KnowingPosts;
using Forum.Content;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;
using Marten;

namespace Forum.Comments.Comments.Adding;

/// <summary>The body of <c>POST /api/posts/{id}/comments</c>.</summary>
public sealed record AddCommentRequest(string? Body, Guid? ParentId);

/// <summary><c>Forum:Comments</c> settings.</summary>
public sealed class CommentOptions
{
    /// <summary>
    /// How long a comment on a post this service has not heard of waits for the post's event:
    /// a post published a moment ago must be commentable.
    /// </summary>
    public TimeSpan WaitForPost { get; set; } = TimeSpan.FromSeconds(2);
}

public static class AddCommentEndpoint
{
    public static IEndpointRouteBuilder MapAddComment(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/posts/{id}/comments", Handle).WithName("AddComment").RequireAuthorization(ForumPolicies.Member);
        return app;
    }

    internal static async Task<IResult> Handle(
        string id, AddCommentRequest request, ClaimsPrincipal user, HttpResponse response, IDocumentSession session, IDocumentStore store,
        MarkdownRenderer renderer, TimeProvider clock, CommentOptions options, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var postId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["A post id is a GUID."] });
        }

        var post = await WaitForPostAsync(store, postId, options.WaitForPost, clock, cancellationToken);
        var parent = request.ParentId is { } parentId ? await session.Events.AggregateStreamAsync<Comment>(parentId, token: cancellationToken) : null;
        var command = new AddComment(Guid.CreateVersion7(), postId, request.ParentId, request.Body, Actor.From(user), clock.GetUtcNow());
        var members = await KnownMembers.NamedInAsync(session, command.Body, cancellationToken);
        var decision = AddCommentDecision.Decide(post, parent, command, renderer, members);
        if (decision.Refusal is { } refusal)
        {
            return refusal.ToResult();
        }

        session.Events.StartStream<Comment>(command.CommentId, decision.Event!);
        await session.SaveChangesAsync(cancellationToken);
        response.Headers.ETag = EntityTags.ForVersion(1);
        return TypedResults.Created($"/api/comments/{command.CommentId}", new { id = command.CommentId, version = 1 });
    }

    /// <summary>The post as this service knows it, waiting briefly if it has not heard of it yet.</summary>
    private static async Task<CommentablePost?> WaitForPostAsync(IDocumentStore store, Guid postId, TimeSpan patience, TimeProvider clock, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + patience;
        while (true)
        {
            await using var query = store.QuerySession();
            var post = await query.LoadAsync<CommentablePost>(postId, cancellationToken);
            if (post is { Published: true } || clock.GetUtcNow() >= deadline)
            {
                return post;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), clock, cancellationToken);
        }
    }
}
