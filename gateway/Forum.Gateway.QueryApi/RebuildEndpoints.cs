using Forum.ServiceDefaults.Security;
using Forum.Gateway.ReadModels.Rebuilding;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Gateway.QueryApi;

/// <summary>
/// <c>POST /api/admin/read-models/rebuild</c> starts a rebuild (202, or 409 while one runs);
/// <c>GET</c> on the same path follows it. Admins only.
/// </summary>
public static class RebuildEndpoints
{
    public const string Path = "/api/admin/read-models/rebuild";

    public static IEndpointRouteBuilder MapReadModelRebuild(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, StartAsync).WithName("RebuildReadModels").RequireAuthorization(ForumPolicies.Admin);
        app.MapGet(Path, async (RebuildWatcher watcher, CancellationToken cancellationToken) =>
            TypedResults.Ok(RebuildStatusView.From(await watcher.StatusAsync(cancellationToken))))
            .WithName("ReadModelRebuildStatus").RequireAuthorization(ForumPolicies.Admin);
        return app;
    }

    private static async Task<Results<Accepted<RebuildStatusView>, ProblemHttpResult>> StartAsync(ReadModelRebuilder rebuilder, CancellationToken cancellationToken) =>
        await rebuilder.TryStartAsync(cancellationToken) is { } started
            ? TypedResults.Accepted(Path, RebuildStatusView.From(started))
            : TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "A rebuild is already running.",
                detail: $"Follow it at {Path}; start another once it has finished.");
}
