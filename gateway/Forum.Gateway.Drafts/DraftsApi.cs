using System.Security.Claims;
using System.Text.Json.Serialization;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Gateway.Drafts;

/// <summary>The body of <c>PUT /api/drafts/{place}</c>: <c>{"title": "…", "body": "…", "version": 3}</c>, each optional; anything else in it is a mistake, and refused.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record DraftRequest(string? Title, string? Body, long? Version);

/// <summary>A draft as the API answers it.</summary>
public sealed record DraftView(string Place, string? Title, string Body, long? Version, DateTimeOffset UpdatedAt)
{
    public static DraftView Of(Draft draft) => new(draft.Place, draft.Title, draft.Body, draft.Version, draft.UpdatedAt);
}

public sealed record DraftList(int Total, int MaxDrafts, IReadOnlyList<DraftSummary> Drafts);

/// <summary>
/// <c>GET /api/drafts</c> (the signed-in member's drafts, newest first), and <c>GET</c>,
/// <c>PUT</c> and <c>DELETE /api/drafts/{place}</c> (idempotent) where the place is
/// <c>board-{slug}</c>, <c>comment-{postId}</c> or <c>edit-{postId}</c>.
/// </summary>
public static class DraftsApi
{
    public static IEndpointRouteBuilder MapDraftsApi(this IEndpointRouteBuilder app)
    {
        var drafts = app.MapGroup("/api/drafts").RequireAuthorization(ForumPolicies.Member);
        drafts.MapGet("", ListAsync);
        drafts.MapGet("/{place}", GetAsync);
        drafts.MapPut("/{place}", SaveAsync).AddEndpointFilter(FromOurPagesWhenBySession);
        drafts.MapDelete("/{place}", DiscardAsync).AddEndpointFilter(FromOurPagesWhenBySession);
        return app;
    }

    internal static async Task<Ok<DraftList>> ListAsync(ClaimsPrincipal user, Drafts drafts, CancellationToken cancellationToken)
    {
        var list = await drafts.ListAsync(Actor.From(user).Id, cancellationToken);
        return TypedResults.Ok(new DraftList(list.Count, Drafts.MaxPerMember, list));
    }

    private static async Task<IResult> GetAsync(string place, ClaimsPrincipal user, Drafts drafts, CancellationToken cancellationToken)
    {
        if (!DraftPlace.TryParse(place, out var parsed))
        {
            return BadPlace();
        }
        return await drafts.FindAsync(Actor.From(user).Id, parsed, cancellationToken) is { } draft
            ? TypedResults.Ok(DraftView.Of(draft))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No draft for this place.");
    }

    private static async Task<IResult> SaveAsync(string place, DraftRequest request, ClaimsPrincipal user, Drafts drafts, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!DraftPlace.TryParse(place, out var parsed))
        {
            errors.Add("place", PlaceRule);
        }
        var text = Drafts.Check(parsed ?? DraftPlace.ForBoard("-"), request.Title, request.Body, request.Version, errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The draft was not saved.");
        }
        var (outcome, saved) = await drafts.SaveAsync(Actor.From(user).Id, parsed!, text, cancellationToken);
        return outcome switch
        {
            DraftOutcome.Saved or DraftOutcome.Unchanged => TypedResults.Ok(DraftView.Of(saved!)),
            DraftOutcome.Emptied => TypedResults.NoContent(),
            DraftOutcome.TooMany => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: $"A member keeps at most {Drafts.MaxPerMember} drafts; publish or discard some first."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such board or post to write a draft for."),
        };
    }

    private static async Task<IResult> DiscardAsync(string place, ClaimsPrincipal user, Drafts drafts, CancellationToken cancellationToken)
    {
        if (!DraftPlace.TryParse(place, out var parsed))
        {
            return BadPlace();
        }
        await drafts.DiscardAsync(Actor.From(user).Id, parsed, cancellationToken);
        return TypedResults.NoContent();
    }

    private const string PlaceRule = "A place is board-{slug}, comment-{postId} or edit-{postId}.";

    private static ValidationProblem BadPlace() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["place"] = [PlaceRule] });

    /// <summary>
    /// A change made with the sign-in cookie must carry the page's antiforgery token, as the
    /// writes the gateway proxies must: a page elsewhere cannot make a member's browser rewrite
    /// or discard their drafts. A bearer token needs none.
    /// </summary>
    private static async ValueTask<object?> FromOurPagesWhenBySession(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Headers.Authorization.Count == 0 && http.User.Identity?.IsAuthenticated == true
            && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing or invalid antiforgery token.",
                detail: "A request made with the sign-in cookie must carry the X-CSRF-TOKEN header from the page.");
        }
        return await next(context);
    }
}
