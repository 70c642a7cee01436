using Forum.Gateway.Edge;
using Forum.Gateway.ReadModels.Boards;

namespace Forum.Gateway.QueryApi;

/// <summary><c>GET /api/boards</c>: every board with its post count.</summary>
public static class BoardsApi
{
    public static IEndpointRouteBuilder MapBoardsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/boards", GetBoards).WithName("Boards").CacheOutput(ReadersOutputCache.Policy);
        return app;
    }

    internal static async Task<IResult> GetBoards(BoardQueries boards, CancellationToken cancellationToken) =>
        TypedResults.Ok(await boards.ListAsync(cancellationToken));
}
