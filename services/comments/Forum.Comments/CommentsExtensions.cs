using Forum.Comments.Forwarding;
using Forum.Comments.KnowingPosts;
using Forum.ServiceDefaults.EventStore;
using Forum.ServiceDefaults.Messaging;

namespace Forum.Comments;

/// <summary>The comments service's own wiring, on top of the shared defaults.</summary>
public static class CommentsExtensions
{
    public const string ServiceName = "comments";

    public static IHostApplicationBuilder AddCommentsServices(this IHostApplicationBuilder builder)
    {
        builder.AddForumEventStore<CommentIntegrationEvents>(ServiceName, "comments-db", options =>
            options.Schema.For<CommentablePost>());
        builder.AddForumMessaging(ServiceName, bus => bus.AddConsumer<PostPublishedConsumer>());
        return builder;
    }
}
