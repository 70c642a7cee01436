using System.Security.Claims;
using Forum.ServiceDefaults.Security;
using Marten.Exceptions;
using Marten;

namespace Forum.Posts.Boards.Creating;

/// <summary>The body of <c>POST /api/boards</c>.</summary>
public sealed record CreateBoardRequest(string? Slug, string? Name, string? Description);

public static class CreateBoardEndpoint
{
    public static IEndpointRouteBuilder MapCreateBoard(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/boards", Handle).WithName("CreateBoard").RequireAuthorization(ForumPolicies.Admin);
        return app;
    }

    internal static async Task<IResult> Handle(
        CreateBoardRequest request, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, ILogger<CreateBoardRequest> logger,
        CancellationToken cancellationToken)
    {
        var existing = BoardSlug.IsValid(request.Slug?.Trim())
            ? await session.LoadAsync<Board>(BoardSlug.StreamId(request.Slug!.Trim()), cancellationToken)
            : null;
        var decision = CreateBoardDecision.Decide(existing, new CreateBoard(request.Slug, request.Name, request.Description, user.UserNameOf(), clock.GetUtcNow()));
        if (decision.Refusal is { } refusal)
        {
            return refusal.ToResult();
        }

        var created = decision.Event!;
        session.Events.StartStream<Board>(created.BoardId, created);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is ExistingStreamIdCollisionException or JasperFx.ConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The slug is taken.");
        }
        // Boards are few and made by admins: each is worth a line in the log, as an audit trail.
        logger.LogInformation("Board {Slug} created by {Admin}", created.Slug, user.UserNameOf());
        return TypedResults.Created($"/api/boards/{created.Slug}", new { created.Slug, created.Name, created.Description });
    }
}
