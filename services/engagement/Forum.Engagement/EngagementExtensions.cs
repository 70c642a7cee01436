using Forum.Engagement.Forwarding;
using Forum.Engagement.KnowingPosts;
using Forum.ServiceDefaults.EventStore;
using Forum.ServiceDefaults.Messaging;

namespace Forum.Engagement;

/// <summary>The engagement service's own wiring, on top of the shared defaults.</summary>
public static class EngagementExtensions
{
    public const string ServiceName = "engagement";

    public static IHostApplicationBuilder AddEngagementServices(this IHostApplicationBuilder builder)
    {
        builder.AddForumEventStore<EngagementIntegrationEvents>(ServiceName, "engagement-db", options =>
            options.Schema.For<EngageablePost>());
        builder.AddForumMessaging(ServiceName, bus => bus.AddConsumer<PostPublishedConsumer>());
        return builder;
    }
}
