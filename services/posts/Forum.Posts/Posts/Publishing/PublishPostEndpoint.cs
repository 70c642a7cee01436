using Forum.EventSourcing.KnowingMembers;
using System.Security.Claims;
using Forum.Posts.Boards;
using Forum.Posts.Posts.Idempotency;
using Forum.Content;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;
using Marten;

namespace Forum.Posts.Posts.Publishing;

/// <summary>The body of <c>POST /api/posts</c>.</summary>
/// <param name="Tags">Optional: up to five tags in any script (<see cref="TagNames"/>).</param>
public sealed record PublishPostRequest(string? Board, string? Title, string? Body, IReadOnlyList<string?>? Tags = null);

/// <summary>The answer to a publish: the new post's id and stream version (also in <c>ETag</c>), and whether it waits for a moderator's approval.</summary>
public sealed record PublishPostResponse(Guid Id, long Version, bool AwaitingApproval = false);

public static class PublishPostEndpoint
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapPublishPost(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/posts", Handle).WithName("PublishPost").RequireAuthorization(ForumPolicies.Member);
        return app;
    }

    internal static async Task<IResult> Handle(
        PublishPostRequest request, ClaimsPrincipal user, HttpRequest http, IDocumentSession session, IDocumentStore store,
        MarkdownRenderer renderer, PostApproval approval, TimeProvider clock, CancellationToken cancellationToken)
    {
        var author = Actor.From(user);
        IdempotentCreate? idempotency = null;
        if (http.Headers.TryGetValue(IdempotencyKeyHeader, out var keys))
        {
            var key = keys.ToString();
            if (!IdempotentCreate.IsValidKey(key))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Idempotency-Key is malformed.",
                    detail: $"A key is 1 to {IdempotentCreate.MaxKeyLength} visible ASCII characters.");
            }
            idempotency = new IdempotentCreate(IdempotentCreate.IdFor(author.Id, key), RequestHash(request), Guid.Empty, 0, clock.GetUtcNow());
            if (await session.LoadAsync<IdempotentCreate>(idempotency.Id, cancellationToken) is { } first)
            {
                return Replay(first, idempotency, http.HttpContext.Response);
            }
        }

        var board = request.Board?.Trim();
        var boardExists = BoardSlug.IsValid(board) && await session.LoadAsync<Board>(BoardSlug.StreamId(board!), cancellationToken) is not null;
        var command = new PublishPost(Guid.CreateVersion7(), request.Board, request.Title, request.Body, author, clock.GetUtcNow(), approval.ApprovePosts, request.Tags);
        var members = await KnownMembers.NamedInAsync(session, request.Body, cancellationToken);
        var decision = PublishPostDecision.Decide(command, _ => boardExists, renderer, members);
        if (decision.Refusal is { } refusal)
        {
            return refusal.ToResult();
        }

        const long version = 1;
        session.Events.StartStream<Post>(command.PostId, decision.Event!);
        if (idempotency is not null)
        {
            session.Insert(idempotency with { PostId = command.PostId, Version = version });
        }
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (idempotency is not null && IsDuplicate(e))
        {
            // The same key, sent twice at once: the other request won; answer as it did.
            await using var query = store.QuerySession();
            return Replay((await query.LoadAsync<IdempotentCreate>(idempotency.Id, cancellationToken))!, idempotency, http.HttpContext.Response);
        }

        http.HttpContext.Response.Headers.ETag = EntityTags.ForVersion(version);
        return TypedResults.Created($"/api/posts/{command.PostId}", new PublishPostResponse(command.PostId, version, decision.Event!.AwaitingApproval));
    }

    /// <remarks>A request without tags hashes as it did before tags, so a retry across the upgrade is still a retry.</remarks>
    private static string RequestHash(PublishPostRequest request) => request.Tags is null
        ? IdempotentCreate.Hash(request.Board, request.Title, request.Body)
        : IdempotentCreate.Hash(request.Board, request.Title, request.Body, string.Join('\u001E', request.Tags.Select(tag => tag ?? "\u0000")));

    private static IResult Replay(IdempotentCreate first, IdempotentCreate retry, HttpResponse response)
    {
        if (first.RequestHash != retry.RequestHash)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused.",
                detail: "This key was already used for a different request. Use a new key for a new post.");
        }
        response.Headers.ETag = EntityTags.ForVersion(first.Version);
        response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Created($"/api/posts/{first.PostId}", new PublishPostResponse(first.PostId, first.Version));
    }

    private static bool IsDuplicate(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is JasperFx.DocumentAlreadyExistsException or Npgsql.PostgresException { SqlState: "23505" })
            {
                return true;
            }
        }
        return false;
    }
}
