using Forum.Posts.Forwarding;
using Forum.Posts.Posts;
using Forum.Posts.Posts.Publishing;
using Forum.Posts.Uploads;
using Forum.ServiceDefaults.Content;
using Forum.ServiceDefaults.EventStore;
using Forum.ServiceDefaults.Messaging;

namespace Forum.Posts;

/// <summary>The posts service's own wiring, on top of the shared defaults.</summary>
public static class PostsExtensions
{
    public const string ServiceName = "posts";

    public static IHostApplicationBuilder AddPostsServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddForumEventStore<PostIntegrationEvents>(ServiceName, "posts-db", options =>
        {
            options.Events.AddEventType<PostPublished>();
            UploadsExtensions.ConfigureUploadStorage(options);
        });
        builder.AddForumMessaging(ServiceName);
        builder.AddUploads();
        return builder;
    }

    public static IEndpointRouteBuilder MapPostsApi(this IEndpointRouteBuilder app)
    {
        app.MapPublishPost();
        app.MapUploads();
        return app;
    }
}
