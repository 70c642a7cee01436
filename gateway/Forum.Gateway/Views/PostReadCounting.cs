namespace Forum.Gateway.Views;

/// <summary>
/// Counts a view for every post served by the post endpoint (<c>GET /api/posts/{id}</c> from
/// the read model), whether the endpoint wrote it or the readers' output cache served a kept
/// copy (<see cref="ReadModels.ReadersOutputCache"/>): it stands in front of the cache and
/// counts once the answer is known to be a <c>200</c>. A post as it was at a version or a time
/// (proxied to the posts service) is history, not a view.
/// </summary>
public static class PostReadCounting
{
    /// <summary>The name of the endpoint whose answers are views.</summary>
    public const string Endpoint = "Post";

    public static IApplicationBuilder UsePostReadCounting(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response.StatusCode == StatusCodes.Status200OK
                && context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == Endpoint
                && Guid.TryParse(context.Request.RouteValues["id"] as string, out var postId))
            {
                context.RequestServices.GetRequiredService<ViewCounter>().Count(postId, context);
            }
        });
}
