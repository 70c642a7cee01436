using System.Security.Claims;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;
using Marten;

namespace Forum.Posts.Boards.Editing;

/// <summary>The body of <c>PUT /api/boards/{slug}</c>: the board's name, description and position (left out: unchanged).</summary>
public sealed record EditBoardRequest(string? Name, string? Description, int? Position);

public static class EditBoardEndpoint
{
    public static IEndpointRouteBuilder MapEditBoard(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/boards/{slug}", Handle).WithName("EditBoard").RequireAuthorization(ForumPolicies.Admin);
        return app;
    }

    internal static async Task<IResult> Handle(
        string slug, EditBoardRequest request, ClaimsPrincipal user, HttpRequest http, IDocumentSession session, TimeProvider clock,
        ILogger<EditBoardRequest> logger, CancellationToken cancellationToken)
    {
        if (!BoardSlug.IsValid(slug))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such board.");
        }
        var edited = false;
        var result = await StreamCommands.ExecuteAsync<Board, BoardEdited>(
            "board", BoardSlug.StreamId(slug).ToString(), http, session, requireIfMatch: false, board => board is null,
            board =>
            {
                var decision = EditBoardDecision.Decide(board, new EditBoard(request.Name, request.Description, request.Position, user.UserNameOf(), clock.GetUtcNow()));
                edited = decision.Event is not null;
                return decision;
            },
            (_, _) => TypedResults.NoContent(),
            cancellationToken);
        if (edited)
        {
            // Boards are few and changed by admins: each change is worth a line in the log, as an audit trail.
            logger.LogInformation("Board {Slug} changed by {Admin}", slug, user.UserNameOf());
        }
        return result;
    }
}
