namespace Forum.Gateway.QueryApi;

/// <summary>The JSON and Atom read API: queries over the read models, served by the gateway itself, never proxied.</summary>
public static class QueryApiExtensions
{
    public static IEndpointRouteBuilder MapQueryApi(this IEndpointRouteBuilder app)
    {
        app.MapBoardsApi();
        app.MapPostsApi();
        app.MapCommentsApi();
        app.MapAuthorsApi();
        app.MapMyDataApi();
        app.MapSearchApi();
        app.MapTagsApi();
        app.MapStatisticsApi();
        app.MapReadModelRebuild();
        app.MapBoardFeeds();
        return app;
    }
}
