using System.Globalization;
using Forum.EventSourcing;
using Marten;
using Microsoft.AspNetCore.Http;

namespace Forum.EventSourcing;

/// <summary>
/// How every command on an existing stream runs: load the aggregate, check <c>If-Match</c>
/// against its version, decide, append, and answer with the new version as <c>ETag</c>. Two
/// writers racing on one version: one commits, the other gets 412.
/// </summary>
public static class StreamCommands
{
    /// <param name="what">What the stream is, for messages ("post", "comment").</param>
    /// <param name="isGone">Whether the aggregate no longer exists for clients (deleted): If-Match is then not checked.</param>
    public static async Task<IResult> ExecuteAsync<TAggregate, TEvent>(
        string what, string id, HttpRequest request, IDocumentSession session, bool requireIfMatch,
        Func<TAggregate?, bool> isGone, Func<TAggregate?, Decision<TEvent>> decide, Func<Guid, long, IResult> answer,
        CancellationToken cancellationToken)
        where TAggregate : class
        where TEvent : class
    {
        if (!Guid.TryParse(id, out var streamId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [$"A {what} id is a GUID."] });
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
                detail: $"Send the {what}'s ETag in If-Match, so a change cannot silently overwrite someone else's.");
        }

        var stream = await session.Events.FetchForWriting<TAggregate>(streamId, cancellationToken);
        var current = stream.CurrentVersion ?? 0;
        if (expected is { } version && !isGone(stream.Aggregate) && version != current)
        {
            return Stale(what, request.HttpContext.Response, current);
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
                return Stale(what, request.HttpContext.Response, null);
            }
            current++;
        }
        request.HttpContext.Response.Headers.ETag = EntityTags.ForVersion(current);
        return answer(streamId, current);
    }

    private static IResult Stale(string what, HttpResponse response, long? current)
    {
        if (current is { } version)
        {
            response.Headers.ETag = EntityTags.ForVersion(version);
        }
        return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: $"The {what} has changed.",
            detail: current is { } v
                ? string.Create(CultureInfo.InvariantCulture, $"The {what} is at version {v}; load it again and re-apply your change.")
                : $"Someone changed the {what} at the same moment; load it again and re-apply your change.");
    }
}
