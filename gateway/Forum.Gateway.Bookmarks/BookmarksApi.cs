using System.Security.Claims;
using System.Text.Json.Serialization;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Gateway.Bookmarks;

/// <summary>The body of <c>PUT /api/bookmarks/{kind}s/{id}</c>: <c>{}</c> or <c>{"note": "…"}</c>; anything else in it is a mistake, and refused.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record BookmarkRequest(string? Note);

/// <summary>
/// <c>PUT</c> and <c>DELETE /api/bookmarks/posts/{id}</c> and <c>/comments/{id}</c> (idempotent),
/// <c>GET /api/bookmarks?page=</c>: the signed-in member's own bookmarks, newest first.
/// </summary>
public static class BookmarksApi
{
    public static IEndpointRouteBuilder MapBookmarksApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/bookmarks", List).RequireAuthorization(ForumPolicies.Member);
        foreach (var kind in Bookmarks.Kinds)
        {
            app.MapPut($"/api/bookmarks/{kind}s/{{id}}", (string id, BookmarkRequest request, ClaimsPrincipal user, Bookmarks bookmarks, CancellationToken ct) =>
                SaveAsync(kind, id, request, user, bookmarks, ct)).RequireAuthorization(ForumPolicies.Member);
            app.MapDelete($"/api/bookmarks/{kind}s/{{id}}", (string id, ClaimsPrincipal user, Bookmarks bookmarks, CancellationToken ct) =>
                RemoveAsync(kind, id, user, bookmarks, ct)).RequireAuthorization(ForumPolicies.Member);
        }
        return app;
    }

    internal static async Task<Results<Ok<BookmarkPage>, ValidationProblem>> List(ClaimsPrincipal user, Bookmarks bookmarks, CancellationToken cancellationToken, string? page = null)
    {
        var number = 1;
        if (page is not null && (!int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number) || number < 1 || number > 1_000_000))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["page"] = ["A page is a whole number from 1."] });
        }
        return TypedResults.Ok(await bookmarks.PageAsync(Actor.From(user).Id, number, cancellationToken));
    }

    private static async Task<IResult> SaveAsync(string kind, string id, BookmarkRequest request, ClaimsPrincipal user, Bookmarks bookmarks, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!Guid.TryParse(id, out var targetId))
        {
            errors.Add("id", $"A {kind} id is a GUID.");
        }
        var note = Bookmarks.CheckNote(request.Note, errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var (outcome, saved) = await bookmarks.SaveAsync(Actor.From(user).Id, kind, targetId, note, cancellationToken);
        return outcome switch
        {
            BookmarkOutcome.Saved => TypedResults.Ok(new { kind, id = targetId, postId = saved!.PostId, note = saved.Note, createdAt = saved.CreatedAt }),
            BookmarkOutcome.TooMany => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"A member keeps at most {Bookmarks.MaxPerMember} bookmarks; remove some first."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {kind} to bookmark."),
        };
    }

    private static async Task<IResult> RemoveAsync(string kind, string id, ClaimsPrincipal user, Bookmarks bookmarks, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var targetId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [$"A {kind} id is a GUID."] });
        }
        await bookmarks.RemoveAsync(Actor.From(user).Id, kind, targetId, cancellationToken);
        return TypedResults.NoContent();
    }
}
