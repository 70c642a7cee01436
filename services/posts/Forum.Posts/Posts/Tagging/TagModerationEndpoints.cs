using System.Security.Claims;
using Forum.Content;
using Forum.ServiceDefaults.Security;
using Marten;

namespace Forum.Posts.Posts.Tagging;

/// <summary>The body of <c>POST /api/tags/{tag}/rename</c>.</summary>
public sealed record RenameTagRequest(string? To);

/// <summary>The body of <c>POST /api/tags/{tag}/merge</c>.</summary>
public sealed record MergeTagRequest(string? Into);

/// <summary>What a tag moderation did: the tag, what it became (null when deleted), and how many posts changed.</summary>
public sealed record TagModerated(string Tag, string? To, int Posts);

/// <summary>
/// Moderators rename, merge and delete tags. Each one records a <see cref="PostTagsChanged"/>, with
/// the moderator as editor, on the stream of every post that has the tag, all in one transaction:
/// the history, exports and a read-model rebuild hold it as they hold any edit. A post changed by
/// someone else meanwhile makes the whole change start again from the posts as they now are.
/// </summary>
public static class TagModerationEndpoints
{
    private const int Attempts = 3;

    public static IEndpointRouteBuilder MapTagModeration(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tags/{tag}/rename", (string tag, RenameTagRequest request, ClaimsPrincipal user, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
                ModerateAsync(TagModeration.Rename, tag, request.To, "to", user, store, clock, ct))
            .WithName("RenameTag").RequireAuthorization(ForumPolicies.Moderator);
        app.MapPost("/api/tags/{tag}/merge", (string tag, MergeTagRequest request, ClaimsPrincipal user, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
                ModerateAsync(TagModeration.Merge, tag, request.Into, "into", user, store, clock, ct))
            .WithName("MergeTag").RequireAuthorization(ForumPolicies.Moderator);
        app.MapDelete("/api/tags/{tag}", (string tag, ClaimsPrincipal user, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
                ModerateAsync(TagModeration.Delete, tag, null, null, user, store, clock, ct))
            .WithName("DeleteTag").RequireAuthorization(ForumPolicies.Moderator);
        return app;
    }

    internal static async Task<IResult> ModerateAsync(
        TagModeration action, string tag, string? target, string? targetField, ClaimsPrincipal user, IDocumentStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (from, fromError) = TagNames.Normalize(tag);
        if (fromError is not null)
        {
            errors["tag"] = [fromError];
        }
        string? to = null;
        if (targetField is not null)
        {
            (to, var toError) = TagNames.Normalize(target);
            if (toError is not null)
            {
                errors[targetField] = [toError];
            }
            else if (to == from)
            {
                errors[targetField] = ["The tag is already called that."];
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The tag cannot be changed.");
        }

        var by = Actor.From(user);
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var tagged = await PostsTaggedAsync(session, from!, cancellationToken);
            if (tagged.Count == 0)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No post has this tag.", detail: $"There is no tag '{from}'.");
            }
            if (action == TagModeration.Rename && (await PostsTaggedAsync(session, to!, cancellationToken)).Count > 0)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "That tag is already in use.",
                    detail: $"Posts are already tagged '{to}'; merge '{from}' into it instead.");
            }

            var changed = 0;
            foreach (var postId in tagged)
            {
                var stream = await session.Events.FetchForWriting<Post>(postId, cancellationToken);
                var decision = RetagPostDecision.Decide(stream.Aggregate, new RetagPost(postId, from!, to, by, clock.GetUtcNow()));
                if (decision.Refusal is { } refusal)
                {
                    return refusal.ToResult();
                }
                if (decision.Event is { } change)
                {
                    stream.AppendOne(change);
                    changed++;
                }
            }
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (JasperFx.ConcurrencyException) when (attempt < Attempts)
            {
                // An author edited one of the posts meanwhile: nothing was written; read them again.
                continue;
            }
            catch (JasperFx.ConcurrencyException)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The posts kept changing.",
                    detail: "Posts with this tag were edited while it was being changed; nothing was changed. Try again.");
            }
            TagMetrics.Record(action, changed);
            return TypedResults.Ok(new TagModerated(from!, to, changed));
        }
    }

    private static async Task<IReadOnlyList<Guid>> PostsTaggedAsync(IQuerySession session, string tag, CancellationToken cancellationToken) =>
        await session.Query<TaggedPost>().Where(post => !post.Deleted && post.Tags.Contains(tag)).Select(post => post.Id).ToListAsync(cancellationToken);
}
