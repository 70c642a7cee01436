using System.Globalization;
using Forum.ServiceDefaults.Domain;
using Forum.ServiceDefaults.Http;
using Marten;

namespace Forum.Posts.Posts;

/// <summary>
/// How every command on an existing post runs: load the stream, check <c>If-Match</c> against its
/// version, decide, append, and answer with the new version as <c>ETag</c>. Two writers racing
/// on one version: one commits, the other gets 412.
/// </summary>
public static class PostStreams
{
    public static async Task<IResult> ExecuteAsync<TEvent>(
        string id, HttpRequest request, IDocumentSession session, bool requireIfMatch,
        Func<Post?, Decision<TEvent>> decide, Func<Guid, long, IResult> answer, CancellationToken cancellationToken)
        where TEvent : class
    {
        if (!Guid.TryParse(id, out var postId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["A post id is a GUID."] });
        }

        long? expected = null;
        var ifMatch = request.Headers.IfMatch.ToString();
        if (!string.IsNullOrEmpty(ifMatch))
        {
            expected = EntityTags.ParseVersion(ifMatch);
            if (expected is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "If-Match is not a version.",
                    detail: "Send the ETag you were given, such as \"3\".");
            }
        }
        else if (requireIfMatch)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match is required.",
                detail: "Send the post's ETag in If-Match, so an edit cannot silently overwrite someone else's.");
        }

        var stream = await session.Events.FetchForWriting<Post>(postId, cancellationToken);
        var current = stream.CurrentVersion ?? 0;
        if (expected is { } version && stream.Aggregate is { Deleted: false } && version != current)
        {
            return Stale(request.HttpContext.Response, current);
        }

        var decision = decide(stream.Aggregate);
        if (decision.Refusal is { } refusal)
        {
            return refusal.ToResult();
        }
        if (decision.Event is { } change)
        {
            stream.AppendOne(change);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (JasperFx.ConcurrencyException)
            {
                // Someone else appended between our read and our write.
                return Stale(request.HttpContext.Response, null);
            }
            current++;
        }
        request.HttpContext.Response.Headers.ETag = EntityTags.ForVersion(current);
        return answer(postId, current);
    }

    private static IResult Stale(HttpResponse response, long? current)
    {
        if (current is { } version)
        {
            response.Headers.ETag = EntityTags.ForVersion(version);
        }
        return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The post has changed.",
            detail: current is { } v
                ? string.Create(CultureInfo.InvariantCulture, $"The post is at version {v}; load it again and re-apply your change.")
                : "Someone changed the post at the same moment; load it again and re-apply your change.");
    }
}
