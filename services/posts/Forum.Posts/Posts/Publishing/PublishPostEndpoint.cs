using Forum.ServiceDefaults.Content;
using System.Security.Claims;
using Forum.ServiceDefaults.Http;
using Forum.ServiceDefaults.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Posts.Posts.Publishing;

/// <summary>The body of <c>POST /api/posts</c>.</summary>
public sealed record PublishPostRequest(string? Board, string? Title, string? Body);

/// <summary>The answer to a publish: the new post's id and stream version (also in <c>ETag</c>).</summary>
public sealed record PublishPostResponse(Guid Id, long Version);

public static class PublishPostEndpoint
{
    public static IEndpointRouteBuilder MapPublishPost(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/posts", Handle).WithName("PublishPost").RequireAuthorization(ForumPolicies.Member);
        return app;
    }

    internal static async Task<Results<Created<PublishPostResponse>, ValidationProblem>> Handle(
        PublishPostRequest request, ClaimsPrincipal user, IDocumentSession session, MarkdownRenderer renderer, TimeProvider clock,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var command = new PublishPost(Guid.CreateVersion7(), request.Board, request.Title, request.Body, user.UserNameOf(), clock.GetUtcNow());
        var decision = PublishPostDecision.Decide(command, renderer);
        if (!decision.IsAccepted)
        {
            return TypedResults.ValidationProblem(decision.Errors!.ToDictionary(), title: "The post cannot be published.");
        }

        session.Events.StartStream<Post>(command.PostId, decision.Event!);
        await session.SaveChangesAsync(cancellationToken);

        const long version = 1;
        response.Headers.ETag = EntityTags.ForVersion(version);
        return TypedResults.Created($"/api/posts/{command.PostId}", new PublishPostResponse(command.PostId, version));
    }
}
